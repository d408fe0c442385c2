"""Messages of insights: the daily message, /insights, its chart and its settings."""

MESSAGES: dict[str, dict[str, str]] = {
    "command_name.insights": {"ko": "인사이트", "en": "insights"},
    "command.insights": {"ko": "게시물 인사이트와 차트", "en": "How your posts are doing"},
    "insights.daily_title": {
        "ko": "📊 어제의 인사이트 · {date}",
        "en": "📊 Yesterday's insights · {date}",
    },
    "insights.now_title": {
        "ko": "📊 인사이트 · 오늘 {time} 기준",
        "en": "📊 Insights · today as of {time}",
    },
    "insights.event_title": {
        "ko": "📊 인사이트 · {event}",
        "en": "📊 Insights · {event}",
    },
    "insights.totals_yesterday": {
        "ko": "어제 도달 {reach}{reach_change} · 반응 {interactions}{interactions_change}",
        "en": "Yesterday: reach {reach}{reach_change} · interactions {interactions}"
        "{interactions_change}",
    },
    "insights.totals_today": {
        "ko": "오늘 지금까지 도달 {reach} · 반응 {interactions} (어제 도달 {yesterday_reach})",
        "en": "Today so far: reach {reach} · interactions {interactions} "
        "(yesterday reach {yesterday_reach})",
    },
    "insights.change_up": {"ko": "▲{percent}%", "en": "▲{percent}%"},
    "insights.change_down": {"ko": "▼{percent}%", "en": "▼{percent}%"},
    "insights.change_same": {"ko": "(그제와 같음)", "en": "(same as the day before)"},
    "insights.change_new": {"ko": "(그제 0)", "en": "(0 the day before)"},
    "insights.followers": {
        "ko": "팔로워 {account}: {followers}{change}",
        "en": "Followers {account}: {followers}{change}",
    },
    "insights.events_heading": {"ko": "이벤트별 (누적)", "en": "Per event (all time)"},
    "insights.event_line": {
        "ko": "• {event}: 도달 {reach} · 반응 {interactions} · 게시 {posts}개",
        "en": "• {event}: reach {reach} · interactions {interactions} · {posts} posts",
    },
    "insights.event_engagement": {
        "ko": " · 🙋 갈게요 {going} · 🤔 관심 {interested} · 🎟 티켓 클릭 {clicks}",
        "en": " · 🙋 going {going} · 🤔 interested {interested} · 🎟 ticket clicks {clicks}",
    },
    "insights.no_data": {"ko": "아직 없음", "en": "no data yet"},
    "insights.best_post": {
        "ko": "🏆 어제의 베스트: {post} · {event} ({target}) 도달 +{reach} {url}",
        "en": "🏆 Best post yesterday: {post} · {event} ({target}) reach +{reach} {url}",
    },
    "insights.next_heading": {"ko": "🗓 다음 게시", "en": "🗓 Coming next"},
    "insights.next_line": {
        "ko": "• {when} · {event} · {post} → {target}",
        "en": "• {when} · {event} · {post} → {target}",
    },
    "insights.nothing_scheduled": {
        "ko": "🗓 예약된 게시가 없어요.",
        "en": "🗓 Nothing is scheduled.",
    },
    "insights.deleted": {
        "ko": "🗑 인스타그램에서 삭제된 게시물 {count}개는 더 이상 집계하지 않아요.",
        "en": "🗑 {count} post(s) were deleted on Instagram and are no longer counted.",
    },
    "insights.reconnect": {
        "ko": "⚠️ {target}: 토큰이 만료되어 숫자를 읽지 못했어요. 저와의 1:1 채팅에서 "
        "/connect instagram 으로 새 토큰을 붙여 넣으면 다시 집계해요.",
        "en": "⚠️ {target}: the token expired, so its numbers could not be read. Send "
        "/connect instagram in a private chat with me and paste a new token to resume.",
    },
    "insights.slowed": {
        "ko": "⏳ {target}: 인스타그램이 요청을 늦춰 달라고 해서 숫자가 잠시 늦어요.",
        "en": "⏳ {target}: Instagram asked flyerbot to slow down; numbers will catch up shortly.",
    },
    "insights.telegram_views": {
        "ko": "ℹ️ 텔레그램 채널은 봇에게 조회수를 알려주지 않아요: 반응 수만 집계해요.",
        "en": "ℹ️ Telegram channels do not give bots view counts: only reactions are counted.",
    },
    "insights.nothing_yet": {
        "ko": "아직 게시된 포스트가 없어요. 게시되면 도달과 반응을 여기서 보여드릴게요.",
        "en": "Nothing has been published yet. Once posts go out, their reach and "
        "interactions show up here.",
    },
    "insights.unknown_event": {
        "ko": "'{query}' 이벤트를 찾지 못했어요. 이벤트: {events}",
        "en": "No event matches “{query}”. Events: {events}",
    },
    "insights.no_events": {"ko": "(없음)", "en": "(none)"},
    # The chart.
    "insights.chart_title": {"ko": "인사이트 · 최근 7일", "en": "Insights · last 7 days"},
    "insights.chart_subtitle": {
        "ko": "{chat} · {first} – {last} ({zone})",
        "en": "{chat} · {first} – {last} ({zone})",
    },
    "insights.chart_events": {"ko": "이벤트별 하루 도달", "en": "Daily reach per event"},
    "insights.chart_targets": {"ko": "채널별 하루 반응", "en": "Daily interactions per channel"},
    "insights.chart_no_data": {"ko": "아직 데이터가 없어요", "en": "No data yet"},
    "insights.chart_alt": {
        "ko": "최근 7일 이벤트별 도달과 채널별 반응 차트",
        "en": "Chart of daily reach per event and interactions per channel, last 7 days",
    },
    # The campaign planner, from the chat's own Instagram history.
    "insights.best_time": {
        "ko": "💡 {weekday} {before} → {after}: 이 채팅의 {weekday} {after} 게시물은 "
        "도달이 {lift}배 많아요",
        "en": "💡 {weekday} {before} → {after}: your {weekday} posts at {after} reach {lift}× more",
    },
    "insights.weekdays": {
        "ko": "월요일,화요일,수요일,목요일,금요일,토요일,일요일",
        "en": "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
    },
    # /settings insights
    "settings.button.insights": {"ko": "📊 매일 인사이트", "en": "📊 Daily insights"},
    "settings.insights_line": {"ko": "📊 매일 인사이트: {time}", "en": "📊 Daily insights: {time}"},
    "settings.insights_off": {"ko": "끔", "en": "off"},
    "settings.ask.insights": {
        "ko": "매일 인사이트 메시지를 받을 시간(이 채팅의 시간대)을 골라 주거나 보내 주세요. "
        "예: 10:00 · 21:30 · 끄기",
        "en": "Pick or send the time (in this chat's timezone) for the daily insight "
        "message. For example: 10:00 · 21:30 · off",
    },
    "settings.bad_insights_time": {
        "ko": "'{value}' 는 시간이 아니에요. 예: 10:00 · 9:30 · 끄기",
        "en": "“{value}” is not a time. For example: 10:00 · 9:30 · off",
    },
}
