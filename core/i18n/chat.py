"""Messages of the chat-wide commands: help, /events, /settings, /deletemydata.

Also the few sentences a chat frontend says on its own behalf (a download that failed, a
button meant for someone else), so those too exist once, in both languages.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # -- command menu (Telegram's setMyCommands, Discord's descriptions)
    # Command names as Korean Discord users see them (lowercase, no spaces).
    "command_name.newevent": {"ko": "새이벤트", "en": "newevent"},
    "command_name.events": {"ko": "이벤트", "en": "events"},
    "command_name.schedule": {"ko": "예약", "en": "schedule"},
    "command_name.connect": {"ko": "연결", "en": "connect"},
    "command_name.settings": {"ko": "설정", "en": "settings"},
    "command_name.cancel": {"ko": "취소", "en": "cancel"},
    "command_name.help": {"ko": "도움말", "en": "help"},
    "command_name.start": {"ko": "시작", "en": "start"},
    "command_name.deletemydata": {"ko": "내데이터삭제", "en": "deletemydata"},
    "command_option.photo": {"ko": "사진", "en": "photo"},
    "command_option.photo.description": {
        "ko": "배경으로 쓸 사진 (JPEG·PNG·WebP)",
        "en": "A photo for the background (JPEG, PNG or WebP)",
    },
    "command_option.target": {"ko": "대상", "en": "target"},
    "command_option.target.description": {
        "ko": "discord · telegram @채널 · discord-webhook URL · instagram · sandbox",
        "en": "discord · telegram @channel · discord-webhook URL · instagram · sandbox",
    },
    "button.type_answer": {"ko": "✏️ 직접 입력 / Type", "en": "✏️ 직접 입력 / Type"},
    "answer.title": {"ko": "답하기", "en": "Your answer"},
    "answer.label": {"ko": "답", "en": "Answer"},
    "discord.pick_channel": {
        "ko": "게시할 채널을 골라주세요.",
        "en": "Pick the channel to post in.",
    },
    "discord.guild_only": {
        "ko": "디스코드 채널 연결은 서버 안에서 할 수 있어요.",
        "en": "Connecting a Discord channel works inside a server.",
    },
    "command.start": {"ko": "시작하기", "en": "Get started"},
    "command.help": {"ko": "사용법", "en": "How to use the bot"},
    "command.newevent": {"ko": "새 이벤트 만들기", "en": "Create an event"},
    "command.events": {"ko": "이벤트 목록", "en": "List events"},
    "command.schedule": {"ko": "예약된 게시물", "en": "Scheduled posts"},
    "command.connect": {
        "ko": "게시할 채널 연결 (telegram @채널 · instagram · discord-webhook URL)",
        "en": "Connect where to post (telegram @channel · instagram · discord-webhook URL)",
    },
    "command.cancel": {"ko": "지금 작업 취소", "en": "Cancel what you are doing"},
    "command.settings": {
        "ko": "채팅 설정 (시간대·언어·테마·브랜드)",
        "en": "Chat settings (timezone, language, theme, brand)",
    },
    "command.deletemydata": {"ko": "내 데이터 삭제", "en": "Delete my data"},
    # -- help
    "help.text": {
        "ko": "안녕하세요! 이벤트 홍보 이미지를 만들어 드려요.\n"
        "/newevent — 몇 가지 질문에 답하면 미리보기를 보여드려요 "
        "(중간에 멈춰도 이어서 할 수 있어요)\n"
        "/events — 이 채팅의 이벤트\n"
        "/schedule — 예약된 게시물\n"
        "/insights — 게시물의 도달 · 반응과 최근 7일 차트 (/insights <이벤트>)\n"
        "/connect — 게시할 곳 연결 (telegram @채널 · instagram · discord-webhook URL · sandbox)\n"
        "/settings — 시간대 · 언어 · 기본 테마 · 브랜드 색 · 로고\n"
        "/cancel — 지금 작업 취소\n"
        "/deletemydata — 내 이벤트와 이미지 삭제",
        "en": "Hi! I make promo images for your events.\n"
        "/newevent — answer a few questions and get previews (stop any time, pick up later)\n"
        "/events — the events of this chat\n"
        "/schedule — posts coming up\n"
        "/insights — reach and interactions of your posts, with a 7-day chart "
        "(/insights <event>)\n"
        "/connect — where to post (telegram @channel · instagram · discord-webhook URL · sandbox)\n"
        "/settings — timezone · language · default theme · brand colour · logo\n"
        "/cancel — cancel what you are doing\n"
        "/deletemydata — delete your events and images",
    },
    "button.new_event": {"ko": "➕ 새 이벤트", "en": "➕ New event"},
    # -- /events
    "events.header": {"ko": "이 채팅의 이벤트", "en": "Events in this chat"},
    "events.empty": {
        "ko": "아직 이벤트가 없어요. /newevent 로 만들어 보세요.",
        "en": "No events yet. Create one with /newevent.",
    },
    "events.more": {"ko": "…외 {count}개", "en": "…and {count} more"},
    "events.untitled": {"ko": "(제목 없음)", "en": "(untitled)"},
    "events.no_date": {"ko": "날짜 미정", "en": "date not set"},
    "events.status.draft": {"ko": "📝 작성 중", "en": "📝 draft"},
    "events.status.review": {"ko": "👀 검토 중", "en": "👀 in review"},
    "events.status.approved": {"ko": "✅ 승인됨", "en": "✅ approved"},
    "events.unfinished": {
        "ko": "‘{title}’은(는) 아직 작성 중이에요. 만든 분이 /newevent 로 이어서 할 수 있어요.",
        "en": "'{title}' is still a draft. Its author can continue it with /newevent.",
    },
    "events.gone": {
        "ko": "이 이벤트는 더 이상 없어요. /events 로 목록을 다시 보세요.",
        "en": "That event no longer exists. See /events for the current list.",
    },
    # -- /settings
    "settings.summary": {
        "ko": "⚙️ 이 채팅의 설정\n시간대: {timezone}\n언어: {language}\n기본 테마: {theme}\n"
        "브랜드 색: {color}\n로고: {logo}",
        "en": "⚙️ Settings of this chat\nTimezone: {timezone}\nLanguage: {language}\n"
        "Default theme: {theme}\nBrand colour: {color}\nLogo: {logo}",
    },
    "settings.none": {"ko": "없음", "en": "none"},
    "settings.logo_set": {"ko": "있음 ✓", "en": "set ✓"},
    "settings.button.timezone": {"ko": "🕐 시간대", "en": "🕐 Timezone"},
    "settings.button.language": {"ko": "🌐 언어", "en": "🌐 Language"},
    "settings.button.theme": {"ko": "🎨 기본 테마", "en": "🎨 Default theme"},
    "settings.button.brand_color": {"ko": "🖌 브랜드 색", "en": "🖌 Brand colour"},
    "settings.button.logo": {"ko": "🖼 로고", "en": "🖼 Logo"},
    "settings.button.clear": {"ko": "지우기", "en": "Remove"},
    "settings.button.reports": {"ko": "📣 알림 받을 채널", "en": "📣 Reports go to"},
    "settings.button.reports_here": {"ko": "이 채널", "en": "This channel"},
    "settings.summary_reports": {"ko": "알림 받을 채널: {where}", "en": "Reports go to: {where}"},
    "settings.reports_here": {"ko": "이 채널", "en": "this channel"},
    "settings.ask.reports": {
        "ko": "게시 결과(게시됨 · 실패 · 놓침)와 일일 인사이트를 받을 채널을 고르세요.",
        "en": "Pick the channel that gets the reports (published, failed, missed) "
        "and the daily insights.",
    },
    "settings.reports_unavailable": {
        "ko": "이 채팅에서는 알림 받을 곳을 바꿀 수 없어요. 알림은 이 채팅으로 와요.",
        "en": "Reports cannot be sent elsewhere from this chat; they come here.",
    },
    "settings.reports_no_access": {
        "ko": "그 채널을 볼 수 없어요. 봇에게 채널 보기 권한을 주세요.",
        "en": "I can't see that channel. Let the bot view it, then pick it again.",
    },
    "settings.reports_not_text": {
        "ko": "알림을 보낼 수 있는 텍스트 채널이 아니에요.",
        "en": "That is not a text channel I can send reports to.",
    },
    "settings.reports_other_server": {
        "ko": "이 서버의 채널만 고를 수 있어요.",
        "en": "Pick a channel of this server.",
    },
    "settings.reports_bot_lacks": {
        "ko": "봇이 그 채널에 알림을 보낼 수 없어요. 필요한 권한: {permissions}",
        "en": "The bot cannot send reports there. It needs: {permissions}",
    },
    "settings.reports_bad_id": {
        "ko": "채널을 메뉴에서 고르거나 채널 ID(숫자)를 적어주세요.",
        "en": "Pick the channel from the menu, or give its id (a number).",
    },
    "settings.reports_unreachable": {
        "ko": "지금은 {platform}에 확인할 수 없어요. 잠시 후 다시 골라주세요.",
        "en": "{platform} could not be asked just now. Pick the channel again in a moment.",
    },
    "settings.button.done": {"ko": "닫기", "en": "Done"},
    "language.ko": {"ko": "한국어", "en": "한국어 (Korean)"},
    "language.en": {"ko": "English (영어)", "en": "English"},
    "settings.ask.timezone": {
        "ko": "시간대를 고르거나 IANA 이름을 적어주세요. 예: Asia/Seoul · Europe/Berlin",
        "en": "Pick a timezone or type its IANA name, e.g. Asia/Seoul · Europe/Berlin",
    },
    "settings.ask.language": {"ko": "언어를 골라주세요", "en": "Pick a language"},
    "settings.ask.theme": {"ko": "기본 테마를 골라주세요", "en": "Pick the default theme"},
    "settings.ask.brand_color": {
        "ko": "브랜드 색을 #RRGGBB 형식으로 적어주세요. 예: #FF3366",
        "en": "Type the brand colour as #RRGGBB, e.g. #FF3366",
    },
    "settings.ask.logo": {
        "ko": "로고를 사진으로 보내주세요 (PNG·JPEG, 짧은 쪽 320px 이상). "
        "투명 배경은 파일로 보내주세요.",
        "en": "Send the logo as a photo (PNG or JPEG, short side at least 320 px). "
        "Send it as a file to keep a transparent background.",
    },
    "settings.saved": {"ko": "저장했어요 ✓", "en": "Saved ✓"},
    "settings.unchanged": {"ko": "설정을 바꾸지 않았어요.", "en": "Settings left as they were."},
    "settings.admins_only": {
        "ko": "그룹 설정은 채팅 관리자만 바꿀 수 있어요.",
        "en": "Only chat admins can change this group's settings.",
    },
    "settings.bad_timezone": {
        "ko": "‘{value}’ — 알 수 없는 시간대예요. 예: Asia/Seoul · Europe/Berlin · UTC",
        "en": "'{value}' is not a timezone I know. Try: Asia/Seoul · Europe/Berlin · UTC",
    },
    "settings.bad_color": {
        "ko": "‘{value}’ — 색은 #RRGGBB 형식이어야 해요. 예: #FF3366",
        "en": "'{value}' is not a #RRGGBB colour. Try: #FF3366",
    },
    "settings.bad_choice": {
        "ko": "‘{value}’ — 고를 수 있는 값: {options}",
        "en": "'{value}' — the options are: {options}",
    },
    "settings.unknown": {
        "ko": "바꿀 수 있는 설정: timezone · language · theme · color · logo. "
        "예: /settings timezone Asia/Seoul",
        "en": "Settings you can change: timezone · language · theme · color · logo. "
        "e.g. /settings timezone Asia/Seoul",
    },
    "settings.logo_format": {
        "ko": "로고는 PNG나 JPEG만 받을 수 있어요. 예: logo.png",
        "en": "The logo must be a PNG or JPEG, e.g. logo.png",
    },
    "settings.photo_expected": {
        "ko": "로고 사진을 보내주세요. 그만두려면 취소.",
        "en": "Please send the logo as a photo, or cancel.",
    },
    # -- /deletemydata
    "deletion.confirm": {
        "ko": "정말 삭제할까요? {name}님이 만든 이벤트 {events}개와 그 이미지, 승인 기록, "
        "진행 중인 대화가 모두 지워져요. 되돌릴 수 없어요.",
        "en": "Delete everything, {name}? The {events} event(s) you made, with their images, "
        "approvals and conversations in progress, will be gone for good.",
    },
    "deletion.private_chat": {
        "ko": "이 개인 채팅의 설정과 로고도 지워져요.",
        "en": "This private chat's settings and logo go too.",
    },
    "button.delete_confirm": {"ko": "🗑 모두 삭제", "en": "🗑 Delete everything"},
    "button.keep": {"ko": "그대로 두기", "en": "Keep my data"},
    "deletion.done": {
        "ko": "삭제했어요: 이벤트 {events}개, 이미지 {files}개. 다시 쓰려면 언제든 /newevent",
        "en": "Deleted {events} event(s) and {files} image file(s). "
        "/newevent any time to start again.",
    },
    "deletion.kept": {"ko": "아무것도 지우지 않았어요.", "en": "Nothing was deleted."},
    "deletion.not_yours": {
        "ko": "이 버튼은 삭제를 요청한 분만 누를 수 있어요.",
        "en": "Only the person who asked to delete their data can press this.",
    },
    # -- said by a chat frontend on its own behalf
    "chat.download_failed": {
        "ko": "사진을 받아오지 못했어요. 다시 보내주세요.",
        "en": "I couldn't fetch that photo. Please send it again.",
    },
    "chat.not_your_question": {
        "ko": "다른 분의 질문이에요. 직접 시작하려면 /newevent",
        "en": "That question is someone else's. Start your own with /newevent",
    },
    "chat.flood": {
        "ko": "잠깐만요! {window}초 동안 {max}개가 넘는 메시지를 보내셨어요. "
        "{quiet}초 동안은 답하지 않을게요. 그 뒤에 다시 보내 주세요. 예: /newevent",
        "en": "Slow down: more than {max} messages in {window} seconds. "
        "I'll ignore you for {quiet} seconds; then try again, e.g. /newevent",
    },
    "chat.failed": {
        "ko": "문제가 생겼어요. 입력한 내용은 저장되어 있으니 잠시 뒤 다시 시도해 주세요.",
        "en": "Something went wrong. Everything you entered is saved; please try again shortly.",
    },
}
