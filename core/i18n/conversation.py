"""Messages of the /newevent conversation and the review flow."""

MESSAGES: dict[str, dict[str, str]] = {
    # Questions, one per field. {progress} is "(2/7) " in the wizard and "" when editing.
    "ask.title": {
        "ko": "새 이벤트를 만들어요 {progress}— 이벤트 제목은? 예: 서울 테크노 나이트 Vol.3",
        "en": "Let's make a new event {progress}— what is it called? e.g. Seoul Techno Night Vol.3",
    },
    "ask.starts_at": {
        "ko": "{progress}언제 시작하나요? 예: 12월 20일 밤 10시 · 2026-12-20 22:00 · 토요일 22:00",
        "en": "{progress}When does it start? e.g. Dec 20 10pm · 2026-12-20 22:00 · saturday 22:00",
    },
    "ask.venue": {
        "ko": "{progress}장소는? 예: Cakeshop, 이태원",
        "en": "{progress}Where is it? e.g. Cakeshop, Itaewon",
    },
    "ask.lineup": {
        "ko": "{progress}라인업을 알려주세요. 한 줄에 한 명, 또는 ; 로 구분해요. "
        "예: 22:00-23:30 DJ Soma; 23:30 Yetsuby; 01:00 이름",
        "en": "{progress}Who is playing? One per line, or separated by ; "
        "e.g. 22:00-23:30 DJ Soma; 23:30 Yetsuby; 01:00 Name",
    },
    "ask.genre": {
        "ko": "{progress}장르를 골라주세요 (직접 입력해도 돼요)",
        "en": "{progress}Pick a genre (or type your own)",
    },
    "ask.ticket_url": {
        "ko": "{progress}티켓 링크는? 예: https://tickets.example.com/seoul-techno",
        "en": "{progress}Ticket link? e.g. https://tickets.example.com/seoul-techno",
    },
    "ask.photo": {
        "ko": "{progress}배경으로 쓸 사진을 보내주세요 (JPEG·PNG·WebP, 없으면 건너뛰기)",
        "en": "{progress}Send a photo for the background (JPEG, PNG or WebP), or skip",
    },
    "ask.price": {
        "ko": "{progress}가격은? 예: 30,000원 · 무료",
        "en": "{progress}Price? e.g. ₩30,000 · free",
    },
    "ask.description": {
        "ko": "{progress}소개 글을 적어주세요 (1000자까지)",
        "en": "{progress}Write a short description (up to 1000 characters)",
    },
    "ask.current_value": {"ko": "지금: {value}", "en": "Now: {value}"},
    # Field names, for the edit menu.
    "field.title": {"ko": "제목", "en": "Title"},
    "field.starts_at": {"ko": "날짜·시간", "en": "Date & time"},
    "field.venue": {"ko": "장소", "en": "Venue"},
    "field.lineup": {"ko": "라인업", "en": "Lineup"},
    "field.genre": {"ko": "장르", "en": "Genre"},
    "field.ticket_url": {"ko": "티켓 링크", "en": "Ticket link"},
    "field.photo": {"ko": "사진", "en": "Photo"},
    "field.price": {"ko": "가격", "en": "Price"},
    "field.description": {"ko": "소개", "en": "Description"},
    # Genre buttons.
    "genre.techno": {"ko": "Techno", "en": "Techno"},
    "genre.house": {"ko": "House", "en": "House"},
    "genre.hiphop": {"ko": "Hip-hop", "en": "Hip-hop"},
    "genre.disco": {"ko": "Disco", "en": "Disco"},
    "genre.ambient": {"ko": "Ambient", "en": "Ambient"},
    "genre.other": {"ko": "기타", "en": "Other"},
    # Conversation controls.
    "button.back": {"ko": "뒤로", "en": "Back"},
    "button.skip": {"ko": "건너뛰기", "en": "Skip"},
    "button.cancel": {"ko": "취소", "en": "Cancel"},
    "button.approve": {"ko": "✅ 승인", "en": "✅ Approve"},
    "button.theme": {"ko": "🎨 테마", "en": "🎨 Theme"},
    "button.template": {"ko": "🧩 템플릿", "en": "🧩 Template"},
    "button.layout": {"ko": "📐 레이아웃", "en": "📐 Layout"},
    "button.edit": {"ko": "✏️ 수정", "en": "✏️ Edit"},
    "button.cancel_event": {"ko": "❌ 취소", "en": "❌ Cancel"},
    "button.back_to_preview": {"ko": "↩️ 미리보기로", "en": "↩️ Back to preview"},
    # Names shown on option buttons.
    "theme.dark": {"ko": "다크", "en": "Dark"},
    "theme.neon": {"ko": "네온", "en": "Neon"},
    "theme.minimal": {"ko": "미니멀", "en": "Minimal"},
    "theme.duotone": {"ko": "듀오톤", "en": "Duotone"},
    "theme.accent_genre": {"ko": "🎨 장르 색으로", "en": "🎨 Genre colour"},
    "theme.accent_photo": {"ko": "📷 사진 색으로", "en": "📷 Photo colour"},
    "template.announcement": {"ko": "공지", "en": "Announcement"},
    "template.lineup": {"ko": "라인업", "en": "Lineup"},
    "template.countdown": {"ko": "카운트다운", "en": "Countdown"},
    "template.day_of": {"ko": "당일", "en": "Day-of"},
    "layout.square": {"ko": "정사각 1:1", "en": "Square 1:1"},
    "layout.portrait": {"ko": "세로 4:5", "en": "Portrait 4:5"},
    "layout.story": {"ko": "스토리 9:16", "en": "Story 9:16"},
    # Flow notices.
    "flow.resumed": {
        "ko": "작성 중이던 이벤트를 이어서 할게요. 새로 시작하려면 먼저 취소해 주세요.",
        "en": "Picking up the event you were working on. Cancel it first to start over.",
    },
    "flow.cancelled": {
        "ko": "이벤트 작성을 취소했어요. 다시 시작하려면 /newevent",
        "en": "Event cancelled. Start again with /newevent",
    },
    "flow.nothing_to_cancel": {
        "ko": "취소할 작업이 없어요. 새 이벤트는 /newevent",
        "en": "Nothing to cancel. Start a new event with /newevent",
    },
    "flow.idle": {
        "ko": "새 이벤트를 만들려면 /newevent 를 보내주세요.",
        "en": "Send /newevent to create an event.",
    },
    "flow.first_step": {
        "ko": "첫 질문이에요. 더 뒤로 갈 수 없어요.",
        "en": "This is the first question; there is nothing before it.",
    },
    "flow.required": {
        "ko": "이 항목은 꼭 필요해요. 건너뛸 수 없어요.",
        "en": "This one is needed; it can't be skipped.",
    },
    "flow.photo_expected": {
        "ko": "여기서는 사진을 보내주세요 (JPEG·PNG·WebP). 사진 없이 하려면 건너뛰기.",
        "en": "Please send a photo here (JPEG, PNG or WebP), or skip.",
    },
    "flow.text_expected": {
        "ko": "여기서는 글로 답해주세요.",
        "en": "Please answer with text here.",
    },
    "flow.use_buttons": {
        "ko": "아래 버튼 중에서 골라주세요.",
        "en": "Please choose one of the buttons below.",
    },
    "flow.form_partial": {
        "ko": "{count}개 항목을 저장했어요.",
        "en": "Saved {count} field(s).",
    },
    "flow.photo_kept": {
        "ko": "사진을 받았어요. 배경으로 쓸게요.",
        "en": "Got the photo; it will be the background.",
    },
    # The draft's fields as one form (a Discord modal). Titles and labels: 45 characters.
    "form.new_title": {"ko": "새 이벤트", "en": "New event"},
    "form.edit_title": {"ko": "이벤트 수정", "en": "Edit the event"},
    "form.example.title": {
        "ko": "예: 서울 테크노 나이트 Vol.3",
        "en": "e.g. Seoul Techno Night Vol.3",
    },
    "form.example.starts_at": {
        "ko": "예: 12월 20일 밤 10시 · 2026-12-20 22:00",
        "en": "e.g. Dec 20 10pm · 2026-12-20 22:00",
    },
    "form.example.venue": {"ko": "예: Cakeshop, 이태원", "en": "e.g. Cakeshop, Itaewon"},
    "form.example.lineup": {
        "ko": "한 줄에 한 명. 예: 22:00-23:30 DJ Soma",
        "en": "One per line. e.g. 22:00-23:30 DJ Soma",
    },
    "form.example.ticket_url": {
        "ko": "예: https://tickets.example.com/seoul-techno",
        "en": "e.g. https://tickets.example.com/seoul-techno",
    },
    "form.fix": {
        "ko": "입력한 내용은 그대로 있어요. 고치기를 누르면 다시 열려요.",
        "en": "What you typed is kept; press Fix to open it again.",
    },
    "form.too_long": {
        "ko": "{field}: 너무 길어요 ({length}자, 최대 {max}자).",
        "en": "{field}: too long ({length} characters, at most {max}).",
    },
    "button.fix": {"ko": "✏️ 고치기 / Fix", "en": "✏️ 고치기 / Fix"},
    "review.pick_theme": {"ko": "테마를 골라주세요", "en": "Pick a theme"},
    "review.pick_template": {"ko": "템플릿을 골라주세요", "en": "Pick a template"},
    "review.pick_layout": {"ko": "레이아웃을 골라주세요", "en": "Pick a layout"},
    "review.pick_field": {"ko": "어떤 항목을 고칠까요?", "en": "Which field should change?"},
    "review.approved": {
        "ko": "승인했어요 ✅ ({who}, {when}) 이미지 {sha}",
        "en": "Approved ✅ ({who}, {when}) image {sha}",
    },
    "review.already_approved": {
        "ko": "이미 승인된 이벤트예요.",
        "en": "This event is already approved.",
    },
    "review.stale": {
        "ko": "지난 미리보기예요. 최신 미리보기를 다시 보여드릴게요.",
        "en": "That preview is out of date; here is the latest one.",
    },
    "review.cancelled": {
        "ko": "이벤트를 취소했어요.",
        "en": "The event is cancelled.",
    },
    "review.gone": {
        "ko": "이 이벤트는 더 이상 없어요. 새로 만들려면 /newevent",
        "en": "This event no longer exists. Start a new one with /newevent",
    },
    "review.not_allowed": {
        "ko": "이 이벤트를 만든 사람이나 채팅 관리자만 누를 수 있어요.",
        "en": "Only the person who made this event or a chat admin can do that.",
    },
    "review.render_failed": {
        "ko": "이미지를 만들지 못했어요. 입력한 내용은 저장되어 있으니 잠시 뒤 다시 시도해 주세요.",
        "en": "Could not render the image. Everything you entered is saved; please try again.",
    },
    "review.caption_header": {"ko": "캡션", "en": "Caption"},
}
