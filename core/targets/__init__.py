"""Publishing targets of a workspace: connecting them (/connect) and keeping them."""
