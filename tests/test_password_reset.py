"""A password reset answers at once, whether or not an account has the address: the
mail is sent after the answer, so a slow mail server can't show which addresses exist."""

import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from .conftest import wait_for_background_mail

pytestmark = pytest.mark.django_db

RESET = reverse("password_reset")
MAIL_SERVER_DELAY = 1.5


class SlowMailServer(EmailBackend):
    """The test outbox, behind a mail server that takes its time to answer."""

    def send_messages(self, messages):
        time.sleep(MAIL_SERVER_DELAY)
        return super().send_messages(messages)


@pytest.fixture
def slow_mail(settings):
    settings.EMAIL_BACKEND = f"{__name__}.SlowMailServer"
    yield
    wait_for_background_mail()


def timed_reset(client, email: str) -> tuple[float, object]:
    started = time.monotonic()
    response = client.post(RESET, {"email": email})
    return time.monotonic() - started, response


def test_the_answer_doesnt_wait_for_the_mail_server(client, user, slow_mail):
    user.email = "alex@example.com"
    user.save()

    known, known_response = timed_reset(client, "alex@example.com")
    unknown, unknown_response = timed_reset(client, "nobody@example.com")

    assert known_response.status_code == unknown_response.status_code == 302
    assert known_response["Location"] == unknown_response["Location"]
    assert known < MAIL_SERVER_DELAY / 3
    assert unknown < MAIL_SERVER_DELAY / 3
    assert mail.outbox == []  # not yet: the mail server is still at it

    wait_for_background_mail()
    assert [message.to for message in mail.outbox] == [["alex@example.com"]]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_a_failing_mail_server_doesnt_break_the_answer(client, user, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    user.email = "alex@example.com"
    user.save()

    response = client.post(RESET, {"email": "alex@example.com"})
    wait_for_background_mail()

    assert response.status_code == 302
    assert "Failed to send password reset email" in caplog.text
