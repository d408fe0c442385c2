"""Messages about secrets in chats: a pasted token taken down, webhook URLs in private."""

MESSAGES: dict[str, dict[str, str]] = {
    "deletion.incomplete": {
        "ko": "삭제를 끝내지 못했어요 (저장소에 닿지 않아요). 아무것도 잃지 않았어요: 잠시 뒤 "
        "/deletemydata 를 다시 보내면 마저 지워요.",
        "en": "I could not finish deleting (the storage did not answer). Nothing is half-lost: "
        "send /deletemydata again in a moment and I will finish.",
    },
    "secret.removed": {
        "ko": "🔒 비밀 값(토큰이나 웹훅 주소)이 들어 있어서 방금 메시지를 지웠어요. 채팅 기록은 "
        "남고 다른 사람도 볼 수 있으니까요.",
        "en": "🔒 I deleted your message: it held a secret (a token or a webhook URL), and chat "
        "history is kept and can be read by others.",
    },
    "secret.remove_it": {
        "ko": "⚠️ 이 메시지에 비밀 값(토큰이나 웹훅 주소)이 들어 있는데 제가 지울 수 없어요. "
        "지금 직접 삭제해 주세요. 그룹에 올렸다면 새로 발급받는 게 안전해요.",
        "en": "⚠️ Your message holds a secret (a token or a webhook URL) and I may not delete "
        "it. Please delete it now; if it was in a group, it is safest to make a new one.",
    },
    "connect.webhook_dm": {
        "ko": "🔒 웹훅 주소는 비밀이라 저와의 1:1 채팅에서만 받아요. 1:1 채팅을 열고 "
        "/connect discord-webhook <URL> 을 보내 주세요. '{chat}' 에 연결할게요 (30분 동안 "
        "기다려요).",
        "en": "🔒 A webhook URL is a secret, so I only take it in a private chat. Open a private "
        "chat with me and send /connect discord-webhook <URL>; it will be connected to "
        "“{chat}” (I'll wait 30 minutes).",
    },
    "connect.webhook_ask": {
        "ko": "🔗 디스코드 웹훅 주소를 붙여 넣어 주세요{for_chat}. 예: "
        "https://discord.com/api/webhooks/123…/abc… 그만두려면 '취소'.",
        "en": "🔗 Paste the Discord webhook URL{for_chat}, e.g. "
        "https://discord.com/api/webhooks/123…/abc… Say 'cancel' to stop.",
    },
    "connect.webhook_in_group": {
        "ko": "⚠️ 웹훅 주소는 그룹에 올리면 안 돼요: 이 채팅의 모두가 볼 수 있어요. 이 주소는 "
        "쓰지 않았어요 (디스코드에서 새로 만드는 게 안전해요).",
        "en": "⚠️ Never paste a webhook URL in a group: everyone here can read it. I did not use "
        "it (it is safest to make a new one in Discord).",
    },
    "connect.token_stopped_webhook": {
        "ko": "디스코드 웹훅 연결을 그만뒀어요.",
        "en": "Stopped connecting the Discord webhook.",
    },
}
