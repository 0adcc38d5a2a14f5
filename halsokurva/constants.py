"""The fixed vocabulary of the Hälsokurva: row keys, alert codes and answer categories (pure Python)."""

ROW_KEYS = (
    "fysisk_aktivitet",
    "matvanor",
    "alkohol",
    "tobak",
    "livssituation",
    "psykisk_halsa",
    "arftlighet",
    "bmi",
    "midja_stuss",
    "blodtryck",
    "kolesterol",
)
ALERT_CODES = (
    "glucose_raised",
    "glucose_diabetes",
    "nonfasting_glucose_high",
    "underweight",
    "waist_increased",
    "waist_high",
    "hdl_low",
    "triglycerides_high",
    "ldl_high",
    "bp_high_normal",
)
ALERT_KEYS = ("fasting_glucose", "nonfasting_glucose", "waist", "hdl", "triglycerides", "ldl")
SEXES = ("male", "female")
TOBACCO_STATUSES = ("never", "quit_over_6m", "quit_under_6m", "not_daily", "daily")
HEREDITY_KEYS = ("first_degree_diabetes", "first_degree_cvd", "early_cvd")
SOURCES = ("doc", "default", "mixed")
