"""Messages about who may publish to a chat's accounts, and about posts already made."""

MESSAGES: dict[str, dict[str, str]] = {
    "button.for_admins": {"ko": "📣 게시하기 (관리자)", "en": "📣 Publish (admins)"},
    "campaign.waiting_for_admin": {
        "ko": "⏳ 관리자를 기다리는 중이에요. 채팅 관리자가 아래 버튼으로 게시할 수 있어요.",
        "en": "⏳ Waiting for an admin: a chat admin can publish it with the button below.",
    },
    "campaign.admin_decides": {
        "ko": "승인된 이미지를 어떻게 게시할까요?",
        "en": "How should the approved image go out?",
    },
    "campaign.admins_only": {
        "ko": "연결된 채널과 계정으로 게시하는 건 채팅 관리자만 할 수 있어요.",
        "en": "Only chat admins can publish to this chat's channels and accounts.",
    },
}
