"""Messages of Instagram: connecting an account with a token, and posting a story."""

MESSAGES: dict[str, dict[str, str]] = {
    # /connect instagram: tokens only in a private chat.
    "connect.token_in_group": {
        "ko": "⚠️ 토큰은 그룹에 올리면 안 돼요: 이 채팅의 모두가 볼 수 있어요. 그 메시지를 "
        "지금 삭제해 주세요. 이 토큰은 쓰지 않았어요 (새로 발급받는 게 안전해요).",
        "en": "⚠️ Never paste a token in a group: everyone here can read it. Please delete "
        "that message now. flyerbot did not use it (issuing a new one is safer).",
    },
    "connect.token_dm": {
        "ko": "🔒 토큰은 저와의 1:1 채팅에서만 받아요. 1:1 채팅을 열고 인스타그램 장기 "
        "토큰을 붙여 넣어 주세요. '{chat}' 에 연결할게요 (30분 동안 기다려요).",
        "en": "🔒 I only take tokens in a private chat. Open a private chat with me and paste "
        "the long-lived Instagram token there; it will be connected to “{chat}” "
        "(I'll wait 30 minutes).",
    },
    "connect.token_ask": {
        "ko": "🔑 인스타그램 장기 액세스 토큰을 붙여 넣어 주세요{for_chat}. 페이스북 로그인 "
        "토큰이면 '<IG 사용자 ID> <토큰>' 으로 보내 주세요. 그만두려면 '취소'.",
        "en": "🔑 Paste the long-lived Instagram access token{for_chat}. For a Facebook Login "
        "token send '<IG user id> <token>'. Type 'cancel' to stop.",
    },
    "connect.for_chat": {"ko": " ('{chat}' 에 연결)", "en": " (for “{chat}”)"},
    "connect.token_stopped": {
        "ko": "인스타그램 연결을 그만뒀어요.",
        "en": "Stopped connecting Instagram.",
    },
    "connect.token_connected": {
        "ko": "✅ 인스타그램 @{username} 계정을 연결했어요{for_chat}. 토큰은 암호화해서 보관해요.",
        "en": "✅ Connected Instagram @{username}{for_chat}. The token is stored encrypted.",
    },
    "connect.instagram_bad_token": {
        "ko": "토큰처럼 보이지 않아요. 인스타그램 장기 토큰을 그대로 붙여 넣거나, 페이스북 "
        "로그인 토큰이면 '<IG 사용자 ID> <토큰>' 으로 보내 주세요.",
        "en": "That does not look like a token. Paste the long-lived Instagram token as it "
        "is, or '<IG user id> <token>' for a Facebook Login token.",
    },
    "connect.instagram_refused": {
        "ko": "인스타그램이 이 토큰을 받지 않았어요 (만료되었거나 잘못된 토큰). 새 장기 "
        "토큰을 만들어 다시 붙여 넣어 주세요.",
        "en": "Instagram did not accept this token (expired or invalid). Generate a new "
        "long-lived token and paste it again.",
    },
    "connect.instagram_no_account": {
        "ko": "이 토큰으로 게시할 인스타그램 프로페셔널 계정을 찾지 못했어요: {reason}",
        "en": "No Instagram professional account to publish to was found with this token: {reason}",
    },
    "connect.instagram_no_publish": {
        "ko": "이 토큰에는 게시 권한이 없어요. 앱에서 instagram_business_content_publish "
        "(페이스북 로그인: instagram_content_publish) 권한으로 토큰을 다시 만들어 주세요.",
        "en": "This token may not publish. Generate it again with "
        "instagram_business_content_publish (Facebook Login: instagram_content_publish).",
    },
    "connect.instagram_no_public_url": {
        "ko": "⚠️ 아직 게시는 안 돼요: 서버에 FLYERBOT_PUBLIC_BASE_URL 이 설정되어 있지 "
        "않아요 (인스타그램이 이미지를 직접 내려받아요). README 의 Instagram 을 참고하세요.",
        "en": "⚠️ Posting will not work yet: FLYERBOT_PUBLIC_BASE_URL is not set on the "
        "server (Instagram downloads the images itself). See Instagram in the README.",
    },
    # After approval, with Instagram connected.
    "button.post_story": {"ko": "📱 스토리로 게시", "en": "📱 Post as story"},
    "campaign.posting_story": {
        "ko": "📱 스토리 이미지(9:16)로 게시할게요: {targets}",
        "en": "📱 Posting as a story (9:16 image) to {targets}",
    },
    "campaign.no_instagram": {
        "ko": "연결된 인스타그램 계정이 없어요. /connect instagram 으로 연결해 주세요.",
        "en": "No Instagram account is connected. Connect one with /connect instagram.",
    },
}
