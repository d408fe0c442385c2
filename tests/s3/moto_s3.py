"""A real S3-compatible server for tests: moto's, threaded, on 127.0.0.1 and a free port.

moto checks header signatures (with botocore, an independent SigV4 implementation) only
while its IAM auth is on, and it never checks presigned-URL signatures or expiry; with
auth on it cannot serve presigned GETs at all. So `authenticating()` switches auth on
around the signed calls under test and off again for presigned downloads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pytest

from tests import leaks

boto3 = pytest.importorskip("boto3")
moto_server = pytest.importorskip("moto.server")

REGION = "us-east-1"
ALLOW_S3 = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
}


@dataclass(frozen=True)
class MotoS3:
    url: str
    bucket: str
    access_key_id: str
    secret_access_key: str

    @contextmanager
    def authenticating(self) -> Iterator[None]:
        """moto verifies SigV4 Authorization headers inside this block."""
        _reset_auth(self.url, "0")
        try:
            yield
        finally:
            _reset_auth(self.url, "inf")


def _reset_auth(url: str, count: str) -> None:
    httpx.post(f"{url}/moto-api/reset-auth", content=count).raise_for_status()


@contextmanager
def running_moto(bucket: str) -> Iterator[MotoS3]:
    """Start moto, create an IAM user allowed s3:* with an access key, and the bucket."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        url = f"http://{host}:{port}"
        setup = {
            "endpoint_url": url,
            "region_name": REGION,
            "aws_access_key_id": "setup",
            "aws_secret_access_key": "setup",
        }
        iam = boto3.client("iam", **setup)
        iam.create_user(UserName="flyerbot")
        iam.put_user_policy(
            UserName="flyerbot", PolicyName="s3", PolicyDocument=json.dumps(ALLOW_S3)
        )
        key = iam.create_access_key(UserName="flyerbot")["AccessKey"]
        leaks.remember(key["SecretAccessKey"])
        boto3.client("s3", **setup).create_bucket(Bucket=bucket)
        yield MotoS3(url, bucket, key["AccessKeyId"], key["SecretAccessKey"])
    finally:
        _reset_auth_quietly()
        server.stop()


def _reset_auth_quietly() -> None:
    """Leave moto unauthenticated for whoever uses it next in this process."""
    from moto import settings

    settings.INITIAL_NO_AUTH_ACTION_COUNT = float("inf")
