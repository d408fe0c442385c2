"""Why a post did not go out, as the chat reads it (keys: core.publishers.reasons.Reason).

Each reason says what happened and what to do, and stands on its own: a notice shows it
after the target's name. The chat reads these only once flyerbot has stopped trying, so
none of them promises an automatic retry; a failed notice carries a Retry button.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # Shared by every platform.
    "publish_error.unreachable": {
        "ko": "{platform} 에 연결하지 못했어요. 잠시 뒤 다시 시도를 눌러 주세요.",
        "en": "{platform} could not be reached. Press Retry in a little while.",
    },
    "publish_error.no_answer": {
        "ko": "{platform} 에서 제때 답이 없어서 올라갔는지 알 수 없어요. 채널을 확인하고, "
        "게시물이 없으면 다시 시도를 눌러 주세요.",
        "en": "{platform} did not answer in time, so it is unclear whether the post went out. "
        "Check the channel; if the post is not there, press Retry.",
    },
    "publish_error.slow_down": {
        "ko": "{platform} 에서 너무 자주 올린다고 잠시 막았어요. 조금 뒤 다시 시도를 눌러 주세요.",
        "en": "{platform} asked flyerbot to slow down. Press Retry in a little while.",
    },
    "publish_error.platform_trouble": {
        "ko": "{platform} 에 일시적인 문제가 있었어요. 잠시 뒤 다시 시도를 눌러 주세요.",
        "en": "{platform} had a temporary problem. Press Retry in a little while.",
    },
    "publish_error.refused": {
        "ko": "{platform} 에서 게시를 거절했어요: {detail}",
        "en": "{platform} refused the post: {detail}",
    },
    "publish_error.image_too_large": {
        "ko": "이미지 파일이 너무 커서 {platform} 에 올릴 수 없어요.",
        "en": "The image is too large for {platform}.",
    },
    "publish_error.target_gone": {
        "ko": "{platform} 채널에 더 이상 올릴 수 없어요 (삭제됐거나 flyerbot 이 접근 권한을 "
        "잃었어요). /connect 로 다시 연결해 주세요.",
        "en": "The {platform} channel is no longer reachable (it was deleted or flyerbot lost "
        "access). Connect it again with /connect.",
    },
    "publish_error.cannot_verify": {
        "ko": "올라갔는지 flyerbot 이 {platform} 에서 확인할 수 없어요. 채널을 확인하고, "
        "게시물이 없으면 다시 시도를 눌러 주세요.",
        "en": "flyerbot cannot check {platform} for the post. Look in the channel: if the "
        "post is not there, press Retry.",
    },
    # The engine.
    "publish_error.internal": {
        "ko": "flyerbot 내부에서 오류가 났어요. 채널을 확인하고, 게시물이 없으면 다시 시도를 "
        "눌러 주세요.",
        "en": "Something went wrong inside flyerbot. Check the channel; if the post is not "
        "there, press Retry.",
    },
    "publish_error.target_disconnected": {
        "ko": "{target} 연결이 끊겼어요. /connect 로 다시 연결해 주세요.",
        "en": "{target} is not connected any more. Connect it again with /connect.",
    },
    "publish_error.target_settings": {
        "ko": "{target} 에 저장된 설정을 쓸 수 없어요. /connect 로 다시 연결해 주세요.",
        "en": "The settings stored for {target} are not usable. Connect it again with /connect.",
    },
    "publish_error.no_publisher": {
        "ko": "이 flyerbot 은 {kind} 에 게시하도록 설정돼 있지 않아요. 서버 관리자에게 "
        "문의해 주세요.",
        "en": "This flyerbot is not set up to publish to {kind}. Ask whoever runs the server.",
    },
    "publish_error.no_image": {
        "ko": "게시물에 이미지가 없어요. 포스터를 다시 만들어 주세요.",
        "en": "The post has no image. Please make the poster again.",
    },
    "publish_error.outbox_write": {
        "ko": "연습용 보관함(outbox)에 저장하지 못했어요: {detail}",
        "en": "Could not write to the sandbox outbox: {detail}",
    },
    # Instagram: the login.
    "publish_error.instagram_token_expired": {
        "ko": "인스타그램 토큰이 만료됐어요. /connect instagram 으로 다시 연결해 주세요.",
        "en": "The Instagram token has expired. Reconnect with /connect instagram.",
    },
    "publish_error.instagram_password_changed": {
        "ko": "인스타그램 비밀번호가 바뀌어서 로그인이 풀렸어요. /connect instagram 으로 새 "
        "토큰을 연결해 주세요.",
        "en": "The Instagram password changed, which ended the login. Connect a new token "
        "with /connect instagram.",
    },
    "publish_error.instagram_login_invalid": {
        "ko": "인스타그램 로그인이 더 이상 유효하지 않아요. /connect instagram 으로 다시 "
        "연결해 주세요. (코드 {code})",
        "en": "The Instagram login is no longer valid. Reconnect with /connect instagram. "
        "(code {code})",
    },
    "publish_error.instagram_permission": {
        "ko": "flyerbot 에 인스타그램 게시 권한이 없어요. /connect instagram 으로 다시 "
        "연결하면서 콘텐츠 게시를 허용해 주세요. (코드 {code})",
        "en": "flyerbot lacks an Instagram permission. Reconnect with /connect instagram and "
        "allow content publishing. (code {code})",
    },
    # Instagram: publishing.
    "publish_error.instagram_unconfirmed": {
        "ko": "인스타그램이 게시를 확인해 주지 않았어요. 인스타그램 계정을 확인하고, 게시물이 "
        "없으면 다시 시도를 눌러 주세요.",
        "en": "Instagram did not confirm the post. Check the Instagram account; if the post "
        "is not there, press Retry.",
    },
    "publish_error.instagram_not_listed": {
        "ko": "인스타그램에 올라간 것 같은데 계정 게시물에서 아직 찾지 못했어요. 인스타그램 "
        "계정을 확인해 주세요.",
        "en": "The post seems to be live on Instagram, but flyerbot cannot find it in the "
        "account yet. Please check the Instagram account.",
    },
    "publish_error.instagram_processing": {
        "ko": "인스타그램이 이미지를 처리하는 데 너무 오래 걸렸어요. 잠시 뒤 다시 시도를 "
        "눌러 주세요.",
        "en": "Instagram took too long to process the image. Press Retry in a little while.",
    },
    "publish_error.instagram_upload_dropped": {
        "ko": "인스타그램이 준비해 둔 업로드를 버렸어요. 다시 시도를 누르면 새로 준비해서 올려요.",
        "en": "Instagram dropped the prepared upload. Press Retry to prepare it again.",
    },
    "publish_error.instagram_image_download": {
        "ko": "인스타그램이 flyerbot 에서 이미지를 받아 가지 못했어요. 다시 시도를 눌러 주세요. "
        "계속 이러면 서버 관리자에게 공개 주소(FLYERBOT_PUBLIC_BASE_URL)가 인터넷에서 "
        "열리는지 확인해 달라고 해 주세요.",
        "en": "Instagram could not download the image from flyerbot. Press Retry; if this "
        "keeps happening, ask whoever runs the server to check that the public address "
        "(FLYERBOT_PUBLIC_BASE_URL) is reachable from the internet.",
    },
    "publish_error.instagram_image_refused": {
        "ko": "인스타그램이 이미지를 처리하지 못했어요. 포스터를 다시 만들어서 올려 주세요. "
        "(코드 {code})",
        "en": "Instagram could not process the image. Please make the poster again and post "
        "it. (code {code})",
    },
    "publish_error.instagram_image_shape": {
        "ko": "인스타그램이 이미지 비율을 받아 주지 않았어요. 피드 이미지는 세로 4:5 부터 "
        "가로 1.91:1 사이여야 해요.",
        "en": "Instagram refused the image's shape: feed images must be between 4:5 "
        "(portrait) and 1.91:1 (landscape).",
    },
    "publish_error.instagram_caption_refused": {
        "ko": "인스타그램이 캡션을 받아 주지 않았어요. 캡션은 2,200자, 해시태그 30개, "
        "@멘션 20개까지예요. 캡션을 줄여 주세요.",
        "en": "Instagram refused the caption: at most 2,200 characters, 30 hashtags and 20 "
        "@mentions. Please shorten it.",
    },
    "publish_error.instagram_caption_too_long": {
        "ko": "캡션이 {count}자예요. 인스타그램은 {limit}자까지만 받아요. 캡션을 줄여 주세요.",
        "en": "The caption is {count} characters; Instagram allows {limit}. Please shorten it.",
    },
    "publish_error.instagram_too_many_hashtags": {
        "ko": "캡션에 해시태그가 {count}개 있어요. 인스타그램은 {limit}개까지만 받아요.",
        "en": "The caption has {count} hashtags; Instagram allows {limit}.",
    },
    "publish_error.instagram_too_many_mentions": {
        "ko": "캡션에 @멘션이 {count}개 있어요. 인스타그램은 {limit}개까지만 받아요.",
        "en": "The caption mentions {count} accounts; Instagram allows {limit}.",
    },
    "publish_error.instagram_alt_text_too_long": {
        "ko": "이미지 설명(대체 텍스트)이 {count}자예요. 인스타그램은 {limit}자까지만 받아요.",
        "en": "The image description is {count} characters; Instagram allows {limit}.",
    },
    "publish_error.instagram_carousel_count": {
        "ko": "인스타그램 슬라이드 게시물은 이미지가 {min}~{max}장이어야 해요.",
        "en": "An Instagram carousel takes {min} to {max} images.",
    },
    "publish_error.instagram_story_count": {
        "ko": "인스타그램 스토리에는 이미지 한 장만 올릴 수 있어요 (지금 {count}장).",
        "en": "An Instagram story takes exactly one image, not {count}.",
    },
    "publish_error.instagram_spam": {
        "ko": "인스타그램이 이 게시물을 스팸일 수 있다며 막았어요. 나중에 캡션을 바꿔서 다시 "
        "시도해 주세요.",
        "en": "Instagram blocked this post as possible spam. Try again later with a different "
        "caption.",
    },
    "publish_error.instagram_restricted": {
        "ko": "인스타그램 계정이 제한돼서 지금은 게시할 수 없어요. 인스타그램 앱에서 계정 "
        "상태를 확인해 주세요.",
        "en": "The Instagram account is restricted and cannot publish right now. Check the "
        "account in the Instagram app.",
    },
    "publish_error.instagram_quota_minutes": {
        "ko": "이 인스타그램 계정이 게시 한도를 다 썼어요. 약 {minutes}분 뒤에 한도가 풀려요.",
        "en": "This Instagram account has used its publishing allowance; there is room again "
        "in about {minutes} min.",
    },
    "publish_error.instagram_quota_hours": {
        "ko": "이 인스타그램 계정이 게시 한도를 다 썼어요. 약 {hours}시간 뒤에 한도가 풀려요.",
        "en": "This Instagram account has used its publishing allowance; there is room again "
        "in about {hours} hours.",
    },
    # Instagram: how the server is set up.
    "publish_error.instagram_bad_address": {
        "ko": "인스타그램이 설명 없이 거절했어요. 서버 관리자에게 FLYERBOT_INSTAGRAM_GRAPH_URL "
        "설정을 확인해 달라고 해 주세요. (HTTP {status})",
        "en": "Instagram refused without an explanation. Ask whoever runs the server to check "
        "FLYERBOT_INSTAGRAM_GRAPH_URL. (HTTP {status})",
    },
    "publish_error.instagram_no_public_url": {
        "ko": "서버에 공개 주소(FLYERBOT_PUBLIC_BASE_URL)가 없어서 인스타그램이 이미지를 받아 "
        "갈 수 없어요. 서버 관리자에게 설정해 달라고 해 주세요 (README 의 Instagram 항목).",
        "en": "FLYERBOT_PUBLIC_BASE_URL is not set, so Instagram cannot download the images. "
        "Ask whoever runs the server to set it (see README, Instagram).",
    },
    "publish_error.instagram_no_account_id": {
        "ko": "인스타그램이 어떤 계정인지 알려 주지 않았어요.",
        "en": "Instagram did not say which account this is.",
    },
    "publish_error.instagram_refresh_failed": {
        "ko": "인스타그램 토큰을 갱신했는데 새 토큰이 오지 않았어요.",
        "en": "Instagram answered the token refresh without a new token.",
    },
    # Discord and Telegram.
    "publish_error.discord_permissions": {
        "ko": "flyerbot 이 이 디스코드 채널에 더 이상 올릴 수 없어요. 채널 보기, 메시지 보내기, "
        "파일 첨부 권한을 준 뒤 /connect 로 다시 연결해 주세요.",
        "en": "flyerbot may not post in the Discord channel any more: it needs View Channel, "
        "Send Messages and Attach Files. Fix the permissions, then /connect it again.",
    },
    "publish_error.telegram_not_admin": {
        "ko": "flyerbot 이 채널에 더 이상 올릴 수 없어요 (내보내졌거나 관리자 권한이 "
        "없어졌어요). 봇을 게시 권한이 있는 관리자로 다시 추가한 뒤 /connect 로 채널을 다시 "
        "연결해 주세요.",
        "en": "flyerbot may not post in the channel any more (removed, or no longer an admin "
        "who can post). Add it back as an admin, then /connect the channel again.",
    },
    "publish_error.s3_upload_failed": {
        "ko": "이미지를 S3 저장소에 올리지 못했어요 ({detail}). FLYERBOT_S3_* 설정과 버킷 권한을 "
        "확인해 주세요 (README의 Instagram 항목).",
        "en": "The image could not be uploaded to S3 storage ({detail}). Check the FLYERBOT_S3_* "
        "settings and the bucket's permissions (README, Instagram).",
    },
}
