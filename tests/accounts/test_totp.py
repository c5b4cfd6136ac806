"""RFC 6238 / RFC 4226 (basishulp.accounts.totp): the published test vectors, single use,
the ±1 step window, digits only.

The expected values are copied from the RFCs (RFC 4226 Appendix D, RFC 6238 Appendix B,
SHA1 column); they are not computed by the code under test.
"""

from __future__ import annotations

import base64
import datetime as dt
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from basishulp.accounts import totp

RFC_SECRET_ASCII = b"12345678901234567890"
RFC_SECRET = base64.b32encode(RFC_SECRET_ASCII).decode()

#: RFC 4226 Appendix D: HOTP values for counters 0-9 (6 digits).
RFC4226_HOTP = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]

#: RFC 6238 Appendix B, SHA1 (8 digits): Unix time -> TOTP.
RFC6238_SHA1 = {
    59: "94287082",
    1111111109: "07081804",
    1111111111: "14050471",
    1234567890: "89005924",
    2000000000: "69279037",
    20000000000: "65353130",
}


@pytest.mark.parametrize(("counter", "expected"), list(enumerate(RFC4226_HOTP)))
def test_rfc4226_hotp_vectors(counter: int, expected: str) -> None:
    assert totp.hotp(RFC_SECRET_ASCII, counter) == expected
    assert totp.code_at(RFC_SECRET, counter) == expected


@pytest.mark.parametrize(("unix_time", "expected"), list(RFC6238_SHA1.items()))
def test_rfc6238_sha1_vectors(unix_time: int, expected: str) -> None:
    step = totp.step_at(unix_time)
    assert totp.code_at(RFC_SECRET, step, digits=8) == expected
    assert totp.verify(RFC_SECRET, expected, unix_time, None, digits=8) == step
    as_datetime = dt.datetime.fromtimestamp(unix_time, tz=dt.UTC)
    assert totp.verify(RFC_SECRET, expected, as_datetime, None, digits=8) == step


def test_rfc6238_steps_are_thirty_seconds() -> None:
    assert totp.step_at(59) == 1 and totp.step_at(1111111109) == 0x23523EC and totp.step_at(20000000000) == 0x27BC86AA


def test_new_secrets_are_160_random_bits_in_base32() -> None:
    secrets_ = {totp.new_secret() for _ in range(50)}
    assert len(secrets_) == 50
    for secret in secrets_:
        assert len(secret) == 32 and set(secret) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        assert len(base64.b32decode(secret)) == 20


def test_a_code_is_accepted_once() -> None:
    now = 1_700_000_000
    code = totp.code_at(RFC_SECRET, totp.step_at(now))
    step = totp.verify(RFC_SECRET, code, now, None)
    assert step == totp.step_at(now)
    assert totp.verify(RFC_SECRET, code, now, last_step=step) is None  # replay
    assert totp.verify(RFC_SECRET, code, now + 15, last_step=step) is None
    # an older code is refused after a newer one was used
    older = totp.code_at(RFC_SECRET, step - 1)
    assert older != code and totp.verify(RFC_SECRET, older, now, last_step=step) is None
    # the next code still works
    newer = totp.code_at(RFC_SECRET, step + 1)
    assert totp.verify(RFC_SECRET, newer, now + 30, last_step=step) == step + 1


def test_one_step_either_side_is_accepted_two_are_not() -> None:
    now = 1_700_000_000
    current = totp.step_at(now)
    for offset in (-1, 0, 1):
        code = totp.code_at(RFC_SECRET, current + offset)
        assert totp.verify(RFC_SECRET, code, now, None) == current + offset, offset
    for offset in (-2, 2, -3, 3):  # (none of these four codes equals one of the three accepted ones)
        assert totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, current + offset), now, None) is None, offset
    assert totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, current + 1), now, None, window=0) is None


@pytest.mark.parametrize(
    "typed",
    ["", "12345", "1234567", "12345a", "abcdef", "12-456", "１２３４５６", "١٢٣٤٥٦", "+12345", "12345.", "0x1234"],
)
def test_only_ascii_digits_are_accepted(typed: str) -> None:
    assert totp.verify(RFC_SECRET, typed, 1_700_000_000, None) is None


def test_spaces_are_ignored() -> None:
    now = 1_700_000_000
    code = totp.code_at(RFC_SECRET, totp.step_at(now))
    assert totp.verify(RFC_SECRET, f" {code[:3]} {code[3:]} ", now, None) == totp.step_at(now)


def test_non_ascii_digits_of_the_right_code_are_refused() -> None:
    now = 1_700_000_000
    code = totp.code_at(RFC_SECRET, totp.step_at(now))
    fullwidth = "".join(chr(0xFF10 + int(c)) for c in code)
    assert fullwidth.isdigit() and totp.verify(RFC_SECRET, fullwidth, now, None) is None


def test_provisioning_uri() -> None:
    secret = totp.new_secret()
    uri = totp.provisioning_uri(secret, "j.de vries")
    parsed = urlparse(uri)
    assert (parsed.scheme, parsed.netloc) == ("otpauth", "totp")
    assert unquote(parsed.path) == "/Basishulp Jeugd:j.de vries"
    query = parse_qs(parsed.query)
    assert query == {
        "secret": [secret],
        "issuer": ["Basishulp Jeugd"],
        "algorithm": ["SHA1"],
        "digits": ["6"],
        "period": ["30"],
    }
    assert " " not in uri
