"""The catalogue keys a PublishError may carry for the chat (`message_key`).

Every publisher and the engine name their reasons through this enum, so a test can check
each one against core/i18n in both languages. Similar failures share one key; the
platform, counts and codes travel in `message_params`. Params are stored as JSON on the
delivery, so they must be plain strings and numbers.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    # Shared by every platform ({platform} is its brand name: Instagram, Discord, Telegram).
    UNREACHABLE = "publish_error.unreachable"
    NO_ANSWER = "publish_error.no_answer"
    SLOW_DOWN = "publish_error.slow_down"
    PLATFORM_TROUBLE = "publish_error.platform_trouble"
    REFUSED = "publish_error.refused"  # {platform}, {detail}: the platform's own words
    IMAGE_TOO_LARGE = "publish_error.image_too_large"
    TARGET_GONE = "publish_error.target_gone"
    CANNOT_VERIFY = "publish_error.cannot_verify"
    # The engine, before any platform is asked.
    INTERNAL = "publish_error.internal"
    TARGET_DISCONNECTED = "publish_error.target_disconnected"
    TARGET_SETTINGS = "publish_error.target_settings"
    NO_PUBLISHER = "publish_error.no_publisher"
    NO_IMAGE = "publish_error.no_image"
    OUTBOX_WRITE = "publish_error.outbox_write"
    # Instagram.
    IG_TOKEN_EXPIRED = "publish_error.instagram_token_expired"
    IG_PASSWORD_CHANGED = "publish_error.instagram_password_changed"
    IG_LOGIN_INVALID = "publish_error.instagram_login_invalid"
    IG_PERMISSION = "publish_error.instagram_permission"
    IG_UNCONFIRMED = "publish_error.instagram_unconfirmed"
    IG_NOT_LISTED = "publish_error.instagram_not_listed"
    IG_PROCESSING = "publish_error.instagram_processing"
    IG_UPLOAD_DROPPED = "publish_error.instagram_upload_dropped"
    IG_IMAGE_DOWNLOAD = "publish_error.instagram_image_download"
    IG_IMAGE_REFUSED = "publish_error.instagram_image_refused"
    IG_IMAGE_SHAPE = "publish_error.instagram_image_shape"
    IG_CAPTION_REFUSED = "publish_error.instagram_caption_refused"
    IG_CAPTION_TOO_LONG = "publish_error.instagram_caption_too_long"
    IG_TOO_MANY_HASHTAGS = "publish_error.instagram_too_many_hashtags"
    IG_TOO_MANY_MENTIONS = "publish_error.instagram_too_many_mentions"
    IG_ALT_TEXT_TOO_LONG = "publish_error.instagram_alt_text_too_long"
    IG_CAROUSEL_COUNT = "publish_error.instagram_carousel_count"
    IG_STORY_COUNT = "publish_error.instagram_story_count"
    IG_SPAM = "publish_error.instagram_spam"
    IG_RESTRICTED = "publish_error.instagram_restricted"
    IG_QUOTA_MINUTES = "publish_error.instagram_quota_minutes"
    IG_QUOTA_HOURS = "publish_error.instagram_quota_hours"
    IG_BAD_ADDRESS = "publish_error.instagram_bad_address"
    IG_NO_PUBLIC_URL = "publish_error.instagram_no_public_url"
    IG_NO_ACCOUNT_ID = "publish_error.instagram_no_account_id"
    IG_REFRESH_FAILED = "publish_error.instagram_refresh_failed"
    # Discord and Telegram.
    DISCORD_PERMISSIONS = "publish_error.discord_permissions"
    TELEGRAM_NOT_ADMIN = "publish_error.telegram_not_admin"
    # Image hosting on S3-compatible storage ({detail}: the storage's status and code).
    S3_UPLOAD_FAILED = "publish_error.s3_upload_failed"
