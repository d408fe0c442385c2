"""Messages of campaigns, publishing, /schedule, /connect and the daily limits."""

MESSAGES: dict[str, dict[str, str]] = {
    # After approval.
    "button.post_now": {"ko": "📣 지금 게시", "en": "📣 Post now"},
    "button.event_page": {"ko": "📅 디스코드 이벤트 만들기", "en": "📅 Create Discord event"},
    "event_page.created": {
        "ko": "디스코드 이벤트를 만들었어요: {link}",
        "en": "The Discord event is ready: {link}",
    },
    "event_page.no_permission": {
        "ko": "디스코드 이벤트를 만들려면 봇에 ‘이벤트 관리’(Manage Events) 권한이 필요해요.",
        "en": "To create a Discord event the bot needs the Manage Events permission.",
    },
    "event_page.guild_only": {
        "ko": "디스코드 이벤트는 서버 채널에서만 만들 수 있어요.",
        "en": "Discord events can only be created from a server channel.",
    },
    "event_page.failed": {
        "ko": "디스코드가 이벤트를 만들지 않았어요 ({detail}).",
        "en": "Discord did not create the event ({detail}).",
    },
    "button.schedule_campaign": {"ko": "📅 캠페인 예약", "en": "📅 Schedule campaign"},
    "button.pick_time": {"ko": "🕐 시간 지정", "en": "🕐 Pick a time"},
    # The plan.
    "campaign.plan_head": {
        "ko": "📅 캠페인 계획 — {title} ({zone} 기준)",
        "en": "📅 Campaign plan — {title} (times in {zone})",
    },
    "campaign.now": {"ko": "지금", "en": "now"},
    "campaign.targets": {"ko": "게시할 곳: {names}", "en": "Posting to: {names}"},
    "campaign.no_targets": {
        "ko": "아직 연결된 채널이 없어요. /connect 로 연결해 주세요.",
        "en": "No channel connected yet. Connect one with /connect.",
    },
    "campaign.missed_mark": {"ko": "⏰ 놓침", "en": "⏰ missed"},
    "campaign.planned_mark": {"ko": "확정 전", "en": "not confirmed"},
    "button.confirm_plan": {"ko": "✅ 확정", "en": "✅ Confirm"},
    "button.edit_plan": {"ko": "✏️ 계획 수정", "en": "✏️ Edit plan"},
    "button.discard_plan": {"ko": "❌ 취소", "en": "❌ Discard"},
    "button.move": {"ko": "🕐 {n}번 옮기기", "en": "🕐 Move {n}"},
    "button.drop": {"ko": "🗑 {n}번 빼기", "en": "🗑 Drop {n}"},
    "button.add": {"ko": "➕ 게시물 추가", "en": "➕ Add a post"},
    "button.plan_for": {"ko": "📅 {title} 캠페인 예약", "en": "📅 Schedule {title}"},
    "campaign.scheduled": {
        "ko": "✅ 게시물 {count}개를 예약했어요. 예정된 게시물은 /schedule 에서 볼 수 있어요.",
        "en": "✅ Scheduled {count} post(s). See what is coming with /schedule.",
    },
    "campaign.scheduled_at": {
        "ko": "✅ {when} 에 게시하도록 예약했어요.",
        "en": "✅ Scheduled for {when}.",
    },
    "campaign.posting_now": {
        "ko": "📣 지금 게시할게요: {targets}. 끝나면 링크를 알려드릴게요.",
        "en": "📣 Posting now to {targets}. The link follows when it is up.",
    },
    "campaign.posting_soon": {
        "ko": "📣 곧 게시할게요.",
        "en": "📣 Posting it in a moment.",
    },
    "campaign.already_scheduled": {
        "ko": "이 이벤트는 이미 캠페인이 예약되어 있어요. 여기서 고칠 수 있어요.",
        "en": "This event already has a campaign; you can change it here.",
    },
    "campaign.nothing_planned": {
        "ko": "확정할 계획이 없어요. 📅 캠페인 예약을 다시 눌러 주세요.",
        "en": "There is no plan to confirm. Press 📅 Schedule campaign again.",
    },
    "campaign.discarded": {
        "ko": "계획을 취소했어요. 아무것도 예약되지 않았어요.",
        "en": "Plan discarded; nothing was scheduled.",
    },
    "campaign.pick_template": {
        "ko": "어떤 게시물을 추가할까요?",
        "en": "Which kind of post should be added?",
    },
    "campaign.ask_time": {
        "ko": "언제 게시할까요? 예: 내일 오후 7시 · 12월 18일 19:00 · 2026-12-18 19:00",
        "en": "When should it go out? e.g. tomorrow 7pm · Dec 18 19:00 · 2026-12-18 19:00",
    },
    "campaign.after_start": {
        "ko": "이벤트 시작 전 시간으로 알려주세요.",
        "en": "Please pick a time before the event starts.",
    },
    "campaign.stopped": {"ko": "알겠어요. 바뀐 것은 없어요.", "en": "OK, nothing changed."},
    "campaign.gone": {
        "ko": "이 버튼은 더 이상 쓸 수 없어요. 예정된 게시물은 /schedule 로 확인해 주세요.",
        "en": "That button no longer applies. See what is scheduled with /schedule.",
    },
    "campaign.post_gone": {
        "ko": "이 게시물은 이미 게시되었거나 취소되었어요.",
        "en": "That post was already published or cancelled.",
    },
    "campaign.not_approved": {
        "ko": "먼저 미리보기를 승인해 주세요.",
        "en": "Please approve the preview first.",
    },
    "campaign.connect_first": {
        "ko": "게시할 채널이 없어요. /connect 로 텔레그램·디스코드 채널을 연결하거나 "
        "/connect sandbox 로 연습용 보관함을 연결해 주세요.",
        "en": "There is nowhere to post yet. Connect a Telegram or Discord channel with "
        "/connect, or the practice outbox with /connect sandbox.",
    },
    "campaign.dropped": {"ko": "🗑 게시물을 뺐어요.", "en": "🗑 Post dropped."},
    "campaign.dropped_busy": {
        "ko": "🗑 게시물을 뺐어요. 다만 지금 막 게시 중인 곳은 멈출 수 없어요.",
        "en": "🗑 Post dropped, except where it is being published at this very moment.",
    },
    "campaign.skipped": {
        "ko": "건너뛰었어요. 이 게시물은 올리지 않을게요.",
        "en": "Skipped; this post will not go out.",
    },
    "campaign.retrying": {
        "ko": "🔄 {target} 에 다시 게시해 볼게요.",
        "en": "🔄 Trying {target} again.",
    },
    "campaign.retry_not_needed": {
        "ko": "다시 시도할 필요가 없어요. 이미 게시되었거나 진행 중이에요.",
        "en": "Nothing to retry: it is already published or on its way.",
    },
    "campaign.reconnect_first": {
        "ko": "{target} 연결이 끊겼어요. /connect 로 다시 연결한 뒤 눌러 주세요.",
        "en": "{target} is disconnected. Connect it again with /connect, then retry.",
    },
    "campaign.event_cancelled": {
        "ko": "예약된 게시물 {count}개도 취소했어요.",
        "en": "Its {count} scheduled post(s) are cancelled too.",
    },
    "campaign.reanchored": {
        "ko": "📅 날짜가 바뀌어서 예약된 게시물 {count}개를 새 날짜에 맞췄어요:",
        "en": "📅 The date changed, so {count} scheduled post(s) moved with it:",
    },
    "campaign.reanchor_dropped": {
        "ko": "새 날짜로는 시간이 지나거나 맞지 않는 게시물 {count}개는 취소했어요.",
        "en": "{count} post(s) no longer fit the new date and were cancelled.",
    },
    "campaign.images_updated": {
        "ko": "새로 승인한 내용으로 예약된 게시물 {count}개의 이미지를 바꿨어요.",
        "en": "The {count} scheduled post(s) now use what you just approved.",
    },
    # /schedule
    "schedule.head": {"ko": "📅 예정된 게시물", "en": "📅 Coming up"},
    "schedule.empty": {
        "ko": "예정된 게시물이 없어요. 이벤트를 승인한 뒤 📅 캠페인 예약을 눌러 보세요.",
        "en": "Nothing is scheduled. Approve an event, then press 📅 Schedule campaign.",
    },
    "button.cancel_post": {"ko": "❌ {n}번 취소", "en": "❌ Cancel {n}"},
    # What happened to a post.
    "publish.published": {
        "ko": "📣 '{title}' {what} 게시 완료!",
        "en": "📣 '{title}' {what} is live!",
    },
    "publish.partial": {
        "ko": "⚠️ '{title}' {what} 일부만 게시됐어요.",
        "en": "⚠️ '{title}' {what} went out to some places only.",
    },
    "publish.failed": {
        "ko": "'{title}' {what} 을(를) 게시하지 못했어요.",
        "en": "Could not post '{title}' {what}.",
    },
    "publish.missed": {
        "ko": "⏰ '{title}' {what} 은(는) {when} 에 올라가야 했는데 봇이 멈춰 있었어요. "
        "지금 올릴까요?",
        "en": "⏰ '{title}' {what} was due at {when} while flyerbot was down. Post it now?",
    },
    "publish.deferred": {
        "ko": "'{title}' {what}: 오늘 게시 한도({limit}개)를 다 썼어요. {resets} 에 올릴게요.",
        "en": "'{title}' {what}: today's limit of {limit} posts is used up; "
        "it goes out at {resets}.",
    },
    "publish.line_ok": {"ko": "• {target}: {url}", "en": "• {target}: {url}"},
    "publish.line_failed": {"ko": "• {target}: {reason}", "en": "• {target}: {reason}"},
    "button.retry_target": {"ko": "🔄 다시 시도: {target}", "en": "🔄 Retry {target}"},
    "button.skip_post": {"ko": "건너뛰기", "en": "Skip"},
    "error.transient": {
        "ko": "일시적인 문제로 여러 번 시도했지만 실패했어요",
        "en": "A temporary problem persisted through several tries",
    },
    "error.rate_limited": {
        "ko": "플랫폼이 너무 자주 올린다고 막았어요",
        "en": "The platform asked flyerbot to slow down",
    },
    "error.permanent": {
        "ko": "플랫폼이 게시를 거절했어요",
        "en": "The platform refused the post",
    },
    "error.auth": {
        "ko": "연결이 끊겼거나 권한이 없어요. /connect 로 다시 연결해 주세요",
        "en": "The connection was lost or lacks rights. Connect it again with /connect",
    },
    "error.unknown_outcome": {
        "ko": "올라갔는지 확인할 수 없어요. 채널을 확인하고, 없으면 다시 시도를 눌러 주세요",
        "en": "It is unclear whether it went out. Check the channel; if it is not there, "
        "press Retry",
    },
    # Daily limits.
    "limit.post": {
        "ko": "오늘 게시 한도({limit}개)를 다 썼어요. {resets} 에 초기화돼요.",
        "en": "Today's limit of {limit} posts is used up. It resets at {resets}.",
    },
    "limit.render": {
        "ko": "오늘 이미지 생성 한도({limit}장)를 다 썼어요. {resets} 에 초기화돼요.",
        "en": "Today's limit of {limit} images is used up. It resets at {resets}.",
    },
    "limit.person_post": {
        "ko": "오늘 한 분이 시작할 수 있는 게시({limit}개)를 다 쓰셨어요. {resets} 에 초기화돼요.",
        "en": "You have used your own limit of {limit} posts for today. It resets at {resets}.",
    },
    "limit.person_render": {
        "ko": "오늘 한 분이 만들 수 있는 이미지({limit}장)를 다 쓰셨어요. {resets} 에 초기화돼요.",
        "en": "You have used your own limit of {limit} images for today. It resets at {resets}.",
    },
    # /connect
    "connect.head": {"ko": "🔌 연결된 곳:", "en": "🔌 Connected:"},
    "connect.none": {"ko": "🔌 아직 연결된 곳이 없어요.", "en": "🔌 Nothing connected yet."},
    "connect.how": {
        "ko": "연결하기: /connect telegram @채널 · /connect discord <채널 ID> · "
        "/connect discord-webhook <URL> · /connect instagram · /connect sandbox "
        "(사용 가능: {words})",
        "en": "To connect: /connect telegram @channel · /connect discord <channel id> · "
        "/connect discord-webhook <url> · /connect instagram · /connect sandbox "
        "(available: {words})",
    },
    "connect.connected": {
        "ko": "✅ {name} 을(를) 연결했어요. 이제 여기로 게시할게요.",
        "en": "✅ Connected {name}. Posts will go there from now on.",
    },
    "connect.removed": {
        "ko": "{name} 연결을 해제했어요.",
        "en": "Disconnected {name}.",
    },
    "button.remove_target": {"ko": "🔌 해제: {name}", "en": "🔌 Remove {name}"},
    "connect.admins_only": {
        "ko": "채널 연결은 채팅 관리자만 할 수 있어요.",
        "en": "Only chat admins can connect or remove channels.",
    },
    "connect.unknown": {
        "ko": "무엇을 연결할지 모르겠어요. 사용 가능: {words}",
        "en": "I don't know how to connect that. Available: {words}",
    },
    "connect.unreachable": {
        "ko": "{platform} 에 연결할 수 없어요. 잠시 뒤 다시 해 주세요.",
        "en": "{platform} could not be reached. Please try again in a moment.",
    },
    "connect.webhook_bad_url": {
        "ko": "디스코드 웹훅 주소가 아니에요. 예: https://discord.com/api/webhooks/123…/abc…",
        "en": "That is not a Discord webhook URL. e.g. https://discord.com/api/webhooks/123…/abc…",
    },
    "connect.webhook_gone": {
        "ko": "이 웹훅은 삭제되었거나 주소가 틀렸어요. 채널 설정 › 연동에서 새로 복사해 주세요.",
        "en": "That webhook was deleted or the URL is wrong. Copy it again from the "
        "channel's Integrations settings.",
    },
    "connect.discord_bad_id": {
        "ko": "디스코드 채널 ID를 알려주세요 (숫자). 예: /connect discord 123456789012345678",
        "en": "Please give the Discord channel id (a number). "
        "e.g. /connect discord 123456789012345678",
    },
    "connect.discord_from_discord": {
        "ko": "디스코드 채널은 디스코드에서 연결해 주세요 (또는 웹훅 주소를 쓰세요).",
        "en": "Connect a Discord channel from Discord itself (or use a webhook URL).",
    },
    "connect.discord_no_access": {
        "ko": "그 채널을 볼 수 없어요. 봇을 서버에 초대하고 채널 보기 권한을 주세요.",
        "en": "I can't see that channel. Invite the bot to the server and let it view the channel.",
    },
    "connect.discord_not_text": {
        "ko": "글을 올릴 수 있는 텍스트 채널이 아니에요.",
        "en": "That is not a text channel I can post in.",
    },
    "connect.discord_bot_lacks": {
        "ko": "봇에게 이 권한이 필요해요: {permissions}",
        "en": "The bot needs these permissions there: {permissions}",
    },
    "connect.discord_user_lacks": {
        "ko": "직접 글을 올릴 수 있는 채널만 연결할 수 있어요.",
        "en": "You can only connect a channel you can post in yourself.",
    },
    "connect.telegram_bad_chat": {
        "ko": "채널을 @이름 이나 -100… 숫자로 알려주세요. 예: /connect telegram @seoul_techno",
        "en": "Give the channel as @name or its -100… id. e.g. /connect telegram @seoul_techno",
    },
    "connect.telegram_from_telegram": {
        "ko": "텔레그램 채널은 텔레그램에서 연결해 주세요.",
        "en": "Connect a Telegram channel from Telegram itself.",
    },
    "connect.telegram_not_found": {
        "ko": "그 채널을 찾을 수 없어요. 먼저 봇을 채널 관리자로 추가해 주세요.",
        "en": "I can't find that channel. Add the bot to it as an admin first.",
    },
    "connect.telegram_not_channel": {
        "ko": "채널이 아니에요. 텔레그램 채널만 연결할 수 있어요.",
        "en": "That is not a channel; only Telegram channels can be connected.",
    },
    "connect.telegram_bot_not_admin": {
        "ko": "봇이 채널 관리자가 아니거나 '메시지 게시' 권한이 없어요. "
        "권한을 준 뒤 다시 해 주세요.",
        "en": "The bot is not an admin of the channel or may not post messages. "
        "Give it that right, then try again.",
    },
    "connect.telegram_user_not_admin": {
        "ko": "그 채널의 관리자만 연결할 수 있어요.",
        "en": "Only admins of that channel can connect it.",
    },
}
