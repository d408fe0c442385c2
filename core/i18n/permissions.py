"""Messages about who may publish to a chat's accounts, and about posts made only once."""

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
    "campaign.already_posted": {
        "ko": "✅ 이 이미지는 이미 게시했어요. 다시 보내지 않아요.\n{links}",
        "en": "✅ This image is already posted; it will not go out twice.\n{links}",
    },
    "campaign.already_on_its_way": {
        "ko": "⏳ 이 이미지는 이미 게시 예정이에요 ({when}). 두 번 보내지 않아요.",
        "en": "⏳ This image is already on its way ({when}); it will not go out twice.",
    },
    "campaign.announcement_once": {
        "ko": "공지 이미지는 이미 게시했거나 게시 예정이라 빼고, 나머지 게시물만 예약해요.",
        "en": "The announcement image is already out or on its way, so it is left out; "
        "the other posts are scheduled.",
    },
    "campaign.already_tried": {
        "ko": "이 이미지는 이미 게시를 시도했어요. 실패 알림의 🔄 다시 시도 버튼을 눌러 주세요.",
        "en": "This image was already sent once; press 🔄 Retry under the failure notice.",
    },
}
