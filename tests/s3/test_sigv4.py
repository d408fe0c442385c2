"""SigV4 against AWS's published examples, and against botocore's independent signer."""

from __future__ import annotations

from datetime import UTC, datetime
from unittest.mock import patch
from urllib.parse import parse_qsl, urlsplit

import pytest

from core.media_hosting import sigv4
from core.media_hosting.s3 import S3Bucket

# "Authenticating Requests: Using Query Parameters" and "... Using the Authorization
# Header" in the Amazon S3 API reference use these.
AWS_KEYS = sigv4.Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
AWS_NOW = datetime(2013, 5, 24, tzinfo=UTC)


def aws_example_bucket() -> S3Bucket:
    return S3Bucket("https://s3.amazonaws.com", "examplebucket", AWS_KEYS, virtual_hosted=True)


def test_presigned_get_matches_the_aws_example() -> None:
    url = aws_example_bucket().presign_get("test.txt", 86400, AWS_NOW)

    assert url == (
        "https://examplebucket.s3.amazonaws.com/test.txt"
        "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
        "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
        "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    )


def test_header_signed_get_matches_the_aws_example() -> None:
    _, headers = aws_example_bucket().signed_headers(
        "GET", "test.txt", sigv4.EMPTY_SHA256, AWS_NOW, {"Range": "bytes=0-9"}
    )

    assert headers["authorization"] == (
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    )


def test_header_signed_put_matches_the_aws_example() -> None:
    body = b"Welcome to Amazon S3."
    url, headers = aws_example_bucket().signed_headers(
        "PUT",
        "test$file.text",
        sigv4.hashlib.sha256(body).hexdigest(),
        AWS_NOW,
        {"Date": "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY"},
    )

    assert url == "https://examplebucket.s3.amazonaws.com/test%24file.text"
    assert headers["authorization"].endswith(
        "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
        "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
    )


def test_presign_refuses_more_than_a_week() -> None:
    with pytest.raises(ValueError):
        aws_example_bucket().presign_get("test.txt", 7 * 24 * 3600 + 1, AWS_NOW)


# -- botocore, for the path-style URLs flyerbot really uses ---------------------------------

botocore_auth = pytest.importorskip("botocore.auth")
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.credentials import Credentials as BotoCredentials  # noqa: E402

BOTO_KEYS = BotoCredentials(AWS_KEYS.access_key_id, AWS_KEYS.secret_access_key)
ENDPOINTS = ["http://127.0.0.1:9000", "https://s3.ap-northeast-2.amazonaws.com"]
KEY = "flyerbot/" + "ab" * 32 + ".jpg"


def _at(now: datetime) -> object:
    return patch.object(
        botocore_auth, "get_current_datetime", return_value=now.replace(tzinfo=None)
    )


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_path_style_presign_matches_botocore(endpoint: str) -> None:
    now = datetime(2026, 3, 14, 15, 9, 26, tzinfo=UTC)
    ours = S3Bucket(endpoint, "flyers", AWS_KEYS, region="ap-northeast-2").presign_get(
        KEY, 3600, now
    )
    request = AWSRequest(method="GET", url=f"{endpoint}/flyers/{KEY}")
    with _at(now):  # type: ignore[attr-defined]
        botocore_auth.S3SigV4QueryAuth(BOTO_KEYS, "s3", "ap-northeast-2", expires=3600).add_auth(
            request
        )

    theirs = urlsplit(request.url)
    assert urlsplit(ours)[:3] == theirs[:3]
    assert dict(parse_qsl(urlsplit(ours).query)) == dict(parse_qsl(theirs.query))


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_header_signed_put_matches_botocore(endpoint: str) -> None:
    now = datetime(2026, 3, 14, 15, 9, 26, tzinfo=UTC)
    body = b"\xff\xd8\xff not really a jpeg"
    payload_hash = sigv4.hashlib.sha256(body).hexdigest()
    url, ours = S3Bucket(endpoint, "flyers", AWS_KEYS, region="ap-northeast-2").signed_headers(
        "PUT", KEY, payload_hash, now, {"Content-Type": "image/jpeg"}
    )
    request = AWSRequest(
        method="PUT",
        url=url,
        data=body,
        headers={"Content-Type": "image/jpeg", "X-Amz-Content-SHA256": payload_hash},
    )
    with _at(now):  # type: ignore[attr-defined]
        botocore_auth.S3SigV4Auth(BOTO_KEYS, "s3", "ap-northeast-2").add_auth(request)

    assert ours["authorization"] == request.headers["Authorization"]
