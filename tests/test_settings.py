"""Production settings: no secret defaults, and `check --deploy` is clean."""

import os
import secrets
import subprocess
import sys

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "rhs_portal.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "rhs.example.com",
    "DATABASE_URL": "sqlite:////tmp/rhs-deploy-check.sqlite3",
    "PUBLIC_BASE_URL": "https://rhs.example.com",
}


# Test-only switches of the environment that must not reach a production check.
TEST_ONLY = {"DJANGO_ALLOW_ASYNC_UNSAFE", "RHS_REQUIRE_SERVICES"}


def _manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k not in TEST_ONLY}
    return subprocess.run([sys.executable, "manage.py", *args], env={**clean, **env}, capture_output=True, text=True)


def test_check_deploy_is_clean_under_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_values():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.RHS_REQUIRE_2FA, s.SESSION_COOKIE_AGE, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.AXES_FAILURE_LIMIT, s.RHS_DEMO_MODE)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k not in TEST_ONLY}
    result = subprocess.run([sys.executable, "-c", code], env={**clean, **PRODUCTION_ENV}, capture_output=True,
                            text=True)
    assert result.stdout.split() == ["False", "True", "900", "True", "31536000", "5", "False"], result.stderr
