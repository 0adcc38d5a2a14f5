"""The production stack description stays valid: compose services, healthchecks, the image's command."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_compose_describes_the_production_stack_with_healthchecks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat", "migrate"} <= set(services)
    for name in ("db", "redis", "web", "worker", "beat"):
        assert "healthcheck" in services[name], name
    assert services["worker"]["command"][:3] == ["celery", "-A", "rhs_portal"]
    assert "beat" in services["beat"]["command"]
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    # Every app service gets the database and broker from the stack.
    assert "postgres://" in services["web"]["environment"]["DATABASE_URL"]
    assert services["web"]["environment"]["REDIS_URL"].startswith("redis://")


def test_the_image_runs_gunicorn_under_production_settings_with_fonts_for_letters():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "DJANGO_SETTINGS_MODULE=rhs_portal.settings.production" in dockerfile
    assert "gunicorn" in dockerfile and "collectstatic" in dockerfile
    assert "fonts-noto-core" in dockerfile and "HEALTHCHECK" in dockerfile
    assert "requirements.lock" in dockerfile


def test_env_example_names_every_setting_the_code_reads():
    import re

    example = (ROOT / ".env.example").read_text()
    settings_text = "".join(p.read_text() for p in (ROOT / "rhs_portal" / "settings").glob("*.py"))
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', settings_text))
    missing = sorted(name for name in read if name not in example)
    assert not missing, f"add to .env.example: {missing}"
