"""Messages of the audience's side of a post: RSVP buttons and what a press answers."""

MESSAGES: dict[str, dict[str, str]] = {
    "rsvp.going": {"ko": "🙋 갈게요", "en": "🙋 Going"},
    "rsvp.interested": {"ko": "🤔 관심 있어요", "en": "🤔 Interested"},
    "rsvp.prompt": {"ko": "갈 건가요? 눌러서 알려주세요 👇", "en": "Coming? Let us know 👇"},
    "rsvp.now_going": {
        "ko": "🙋 갈게요로 표시했어요. 그날 봐요!",
        "en": "🙋 Marked as going. See you there!",
    },
    "rsvp.now_interested": {
        "ko": "🤔 관심 있어요로 표시했어요.",
        "en": "🤔 Marked as interested.",
    },
    "rsvp.cleared": {"ko": "응답을 취소했어요.", "en": "Your answer is removed."},
    "rsvp.gone": {
        "ko": "이 이벤트는 더 이상 응답을 받지 않아요.",
        "en": "This event no longer takes answers.",
    },
}
