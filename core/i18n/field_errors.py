"""Messages explaining why a field's value was refused, each with an example that works.

Keys are `<field>.<problem>`, raised by the parsers in core.parsing. Every message says
what was expected and shows an input that would be accepted, so the user can copy it.
"""

_DATE_EXAMPLES_KO = "예: 12월 20일 밤 10시 · 2026-12-20 22:00 · 토요일 22:00"
_DATE_EXAMPLES_EN = "Try: Dec 20 10pm · 2026-12-20 22:00 · Saturday 22:00"
_LINEUP_EXAMPLE = "22:00-23:30 DJ Name"
_URL_EXAMPLE = "https://tickets.example.com/event"

MESSAGES: dict[str, dict[str, str]] = {
    # -- time of day
    "time.unknown": {
        "ko": "시간을 알아보지 못했어요. 예: 22:00 · 밤 10시 · 10pm",
        "en": "I couldn't read that time. Try: 22:00 · 10pm · 10:30pm",
    },
    "time.impossible": {
        "ko": "‘{value}’ — 없는 시간이에요. 0:00~23:59 사이로 알려주세요. 예: 22:00 · 밤 10시",
        "en": "'{value}' is not a real time. Use 0:00–23:59, e.g. 22:00 or 10pm",
    },
    # -- start date and time
    "starts_at.unknown": {
        "ko": f"날짜를 알아보지 못했어요. {_DATE_EXAMPLES_KO}",
        "en": f"I couldn't read that date. {_DATE_EXAMPLES_EN}",
    },
    "starts_at.no_time": {
        "ko": "시간도 알려주세요. 예: 12월 20일 밤 10시 · 토요일 22:00",
        "en": "Please add the start time too. Try: Dec 20 10pm · Saturday 22:00",
    },
    "starts_at.no_date": {
        "ko": "날짜도 알려주세요. 예: 12월 20일 밤 10시 · 내일 23:00",
        "en": "Please add the date too. Try: Dec 20 10pm · tomorrow 23:00",
    },
    "starts_at.impossible": {
        "ko": f"‘{{value}}’ — 달력에 없는 날짜나 시간이에요. {_DATE_EXAMPLES_KO}",
        "en": f"'{{value}}' is not a real date or time. {_DATE_EXAMPLES_EN}",
    },
    "starts_at.past": {
        "ko": "이미 지난 시간이에요 ({when}). 앞으로의 날짜를 알려주세요. 예: 내일 밤 10시",
        "en": "That time has already passed ({when}). Try a future one, e.g. tomorrow 10pm",
    },
    "starts_at.too_far": {
        "ko": "{years}년 넘게 남은 날짜는 받을 수 없어요 ({when}). 예: 12월 20일 밤 10시",
        "en": "That is more than {years} years away ({when}). Try: Dec 20 10pm",
    },
    "starts_at.weekday_mismatch": {
        "ko": "날짜와 요일이 맞지 않아요 ({date}: {weekday_ko}). 예: 12월 20일 밤 10시",
        "en": "The date and weekday don't match ({date} is a {weekday_en}). Try: Dec 20 10pm",
    },
    # -- lineup
    "lineup.empty": {
        "ko": f"라인업이 비어 있어요. 한 줄에 한 팀씩 적어주세요. 예: {_LINEUP_EXAMPLE}",
        "en": f"The lineup is empty. One act per line, e.g. {_LINEUP_EXAMPLE}",
    },
    "lineup.no_name": {
        "ko": f"이름이 없는 줄이 있어요: {{line}}. 예: {_LINEUP_EXAMPLE}",
        "en": f"This line has no name: {{line}}. Try: {_LINEUP_EXAMPLE}",
    },
    "lineup.name_too_long": {
        "ko": f"이름이 너무 길어요 ({{length}}자 / 최대 {{max}}자): {{line}}. "
        f"예: {_LINEUP_EXAMPLE}",
        "en": f"Name too long ({{length}} / max {{max}}): {{line}}. Try: {_LINEUP_EXAMPLE}",
    },
    "lineup.too_many": {
        "ko": f"라인업은 최대 {{max}}팀까지예요 (지금 {{count}}팀). 예: {_LINEUP_EXAMPLE}",
        "en": f"At most {{max}} acts (you sent {{count}}). One per line, e.g. {_LINEUP_EXAMPLE}",
    },
    "lineup.bad_time": {
        "ko": f"‘{{value}}’ — 알 수 없는 시간이에요 ({{line}}). 0:00~23:59로 적어주세요. "
        f"예: {_LINEUP_EXAMPLE}",
        "en": f"Odd time '{{value}}' in: {{line}}. Use 0:00–23:59, e.g. {_LINEUP_EXAMPLE}",
    },
    "lineup.control_chars": {
        "ko": f"보이지 않는 제어 문자가 섞여 있어요: {{line}}. 예: {_LINEUP_EXAMPLE}",
        "en": f"Hidden control characters in: {{line}}. Try: {_LINEUP_EXAMPLE}",
    },
    "lineup.invisible": {
        "ko": "라인업에 보이지 않는 문자 {code}({name})가 있어요: ‘{text}’. "
        "지우고 다시 입력해 주세요. 예: 22:00-23:30 DJ Name",
        "en": "The lineup has an invisible character {code} ({name}): '{text}'. "
        "Please type it without it, e.g. 22:00-23:30 DJ Name",
    },
    # -- title
    "title.empty": {
        "ko": "제목을 적어주세요. 예: 서울 테크노 나이트 Vol.3",
        "en": "Please type a title, e.g. Seoul Techno Night Vol.3",
    },
    "title.too_long": {
        "ko": "제목이 너무 길어요 ({length}자 / 최대 {max}자). 예: 서울 테크노 나이트 Vol.3",
        "en": "Title too long ({length} chars / max {max}). Try: Seoul Techno Night Vol.3",
    },
    "title.control_chars": {
        "ko": "제목에 보이지 않는 제어 문자가 있어요. 직접 입력해 주세요. 예: 서울 테크노 나이트",
        "en": "The title has hidden control characters. Please type it, e.g. Seoul Techno Night",
    },
    "title.invisible": {
        "ko": "제목에 보이지 않는 문자 {code}({name})가 있어요: ‘{text}’. "
        "지우고 다시 입력해 주세요. 예: 서울 테크노 나이트",
        "en": "The title has an invisible character {code} ({name}): '{text}'. "
        "Please type it without it, e.g. Seoul Techno Night",
    },
    # -- venue
    "venue.empty": {
        "ko": "장소 이름을 적어주세요. 예: Cakeshop, 이태원",
        "en": "Please type the venue, e.g. Cakeshop, Itaewon",
    },
    "venue.name_too_long": {
        "ko": "장소 이름이 너무 길어요 ({length}자 / 최대 {max}자). 예: Cakeshop, 이태원",
        "en": "Venue name too long ({length} chars / max {max}). Try: Cakeshop, Itaewon",
    },
    "venue.city_too_long": {
        "ko": "지역 이름이 너무 길어요 ({length}자 / 최대 {max}자). 예: Cakeshop, 이태원",
        "en": "Area name too long ({length} chars / max {max}). Try: Cakeshop, Itaewon",
    },
    "venue.control_chars": {
        "ko": "장소에 보이지 않는 제어 문자가 있어요. 직접 입력해 주세요. 예: Cakeshop, 이태원",
        "en": "The venue has hidden control characters. Please type it, e.g. Cakeshop, Itaewon",
    },
    "venue.invisible": {
        "ko": "장소에 보이지 않는 문자 {code}({name})가 있어요: ‘{text}’. "
        "지우고 다시 입력해 주세요. 예: Cakeshop, 이태원",
        "en": "The venue has an invisible character {code} ({name}): '{text}'. "
        "Please type it without it, e.g. Cakeshop, Itaewon",
    },
    # -- genre
    "genre.empty": {
        "ko": "장르를 골라주세요. 예: 테크노 · 하우스 · 힙합 · drum and bass",
        "en": "Please pick a genre, e.g. techno · house · hip-hop · drum and bass",
    },
    "genre.too_long": {
        "ko": "장르가 너무 길어요 ({length}자 / 최대 {max}자). 예: drum and bass",
        "en": "Genre too long ({length} chars / max {max}). Try: drum and bass",
    },
    "genre.control_chars": {
        "ko": "장르에 보이지 않는 제어 문자가 있어요. 예: 테크노",
        "en": "The genre has hidden control characters. Try: techno",
    },
    "genre.invisible": {
        "ko": "장르에 보이지 않는 문자 {code}({name})가 있어요: ‘{text}’. "
        "지우고 다시 입력해 주세요. 예: 테크노",
        "en": "The genre has an invisible character {code} ({name}): '{text}'. "
        "Please type it without it, e.g. techno",
    },
    # -- ticket link
    "ticket_url.invalid": {
        "ko": f"링크를 알아보지 못했어요. 예: {_URL_EXAMPLE}",
        "en": f"That doesn't look like a link. Try: {_URL_EXAMPLE}",
    },
    "ticket_url.scheme": {
        "ko": f"{{scheme}}: 링크는 받을 수 없어요. http(s) 링크를 보내주세요. 예: {_URL_EXAMPLE}",
        "en": f"{{scheme}}: links aren't allowed, only http(s). Try: {_URL_EXAMPLE}",
    },
    "ticket_url.spaces": {
        "ko": f"링크에 띄어쓰기가 있어요. 링크만 붙여 넣어 주세요. 예: {_URL_EXAMPLE}",
        "en": f"The link contains spaces. Paste just the link, e.g. {_URL_EXAMPLE}",
    },
    "ticket_url.host": {
        "ko": f"주소가 완전하지 않아요 ({{host}}). 예: {_URL_EXAMPLE}",
        "en": f"The address looks incomplete ({{host}}). Try: {_URL_EXAMPLE}",
    },
    "ticket_url.too_long": {
        "ko": f"링크가 너무 길어요 ({{length}}자 / 최대 {{max}}자). 예: {_URL_EXAMPLE}",
        "en": f"Link too long ({{length}} chars / max {{max}}). Try: {_URL_EXAMPLE}",
    },
    # -- price
    "price.empty": {
        "ko": "가격을 적어주세요. 예: 30000 · 3만원 · 무료 · $20",
        "en": "Please type a price, e.g. 30000 · free · $20 · 25 EUR",
    },
    "price.too_long": {
        "ko": "가격이 너무 길어요 ({length}자 / 최대 {max}자). 예: 예매 25,000 / 현매 30,000",
        "en": "Price too long ({length} chars / max {max}). Try: ₩25,000 presale / ₩30,000 door",
    },
    "price.control_chars": {
        "ko": "가격에 보이지 않는 제어 문자가 있어요. 예: 30000",
        "en": "The price has hidden control characters. Try: 30000",
    },
    "price.invisible": {
        "ko": "가격에 보이지 않는 문자 {code}({name})가 있어요: ‘{text}’. "
        "지우고 다시 입력해 주세요. 예: 30000",
        "en": "The price has an invisible character {code} ({name}): '{text}'. "
        "Please type it without it, e.g. 30000",
    },
    # -- description
    "description.empty": {
        "ko": "소개 글을 적어주세요. 예: 베를린에서 온 DJ와 함께하는 밤",
        "en": "Please write a short description, e.g. A night with a DJ from Berlin",
    },
    "description.too_long": {
        "ko": "소개 글이 너무 길어요 ({length}자 / 최대 {max}자). "
        "예: 라인업과 입장 안내만 남겨 주세요.",
        "en": "Description too long ({length} chars / max {max}). "
        "Try keeping just the lineup and entry info.",
    },
    "description.control_chars": {
        "ko": "소개 글에 보이지 않는 제어 문자가 있어요. 예: 베를린에서 온 DJ와 함께하는 밤",
        "en": "The description has hidden control characters. Try: A night with a DJ from Berlin",
    },
    "description.invisible": {
        "ko": "소개 글에 보이지 않는 문자 {code}({name})가 있어요: ‘{text}’. "
        "지우고 다시 입력해 주세요. 예: 베를린에서 온 DJ와 함께하는 밤",
        "en": "The description has an invisible character {code} ({name}): '{text}'. "
        "Please type it without it, e.g. A night with a DJ from Berlin",
    },
    # -- photo
    "photo.too_large": {
        "ko": "사진이 너무 커요 ({size_mb}MB / 최대 {limit_mb}MB). "
        "예: 1080×1350 JPEG로 줄여 보내주세요.",
        "en": "Photo too large ({size_mb} MB / max {limit_mb} MB). "
        "Send a smaller one, e.g. a 1080×1350 JPEG.",
    },
    "photo.not_image": {
        "ko": "사진 파일이 아니에요. JPEG·PNG·WebP를 보내주세요. 예: 1080×1350 JPEG",
        "en": "That is not a photo. Send a JPEG, PNG or WebP, e.g. a 1080×1350 JPEG.",
    },
    "photo.unsupported": {
        "ko": "{kind} 형식은 받을 수 없어요. JPEG·PNG·WebP로 보내주세요. 예: 1080×1350 JPEG",
        "en": "{kind} images aren't supported. Send JPEG, PNG or WebP, e.g. a 1080×1350 JPEG.",
    },
    "photo.mime_mismatch": {
        "ko": "파일 형식이 맞지 않아요 (표시: {declared}, 실제: {actual}). "
        "이름을 바꾸지 말고 원본 그대로 보내주세요. 예: poster.png",
        "en": "This file says {declared} but is really {actual}. "
        "Send the original without renaming it, e.g. poster.png",
    },
    "photo.too_many_pixels": {
        "ko": "사진 해상도가 너무 높아요 (최대 {max_mp}MP). 예: 4000×3000 이하로 줄여 보내주세요.",
        "en": "The photo has too many pixels (max {max_mp} MP). Try 4000×3000 or smaller.",
    },
    "photo.too_small": {
        "ko": "사진이 너무 작아요 ({width}×{height}px). 짧은 쪽이 {min}px 이상이어야 해요. "
        "예: 1080×1350",
        "en": "Photo too small ({width}×{height} px); the short side needs {min} px. "
        "Try 1080×1350.",
    },
    "photo.corrupt": {
        "ko": "사진 파일이 깨졌거나 잘렸어요. 다시 저장해서 보내주세요. 예: 1080×1350 JPEG",
        "en": "The photo is damaged or cut off. Save it again and resend, "
        "e.g. as a 1080×1350 JPEG.",
    },
}
