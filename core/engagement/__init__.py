"""The audience's side of published posts: RSVP answers, counted ticket links, reactions."""
