"""Plain-language texts for the citizen: what each Hälsokurva row and level means, what an alert means.

Used by the citizen's summary (PDF) and their results page; translated like every UI text
(Swedish and Arabic catalogues in visits/locale).
"""

from django.utils.translation import gettext_lazy as _

ROW_MEANING = {
    "fysisk_aktivitet": _("How much you move in a normal week. At least 150 minutes a week, for example brisk "
                          "walks, is good for your health."),
    "matvanor": _("How often you eat vegetables, fruit and fish, and how often sweets, pastries and soft drinks."),
    "alkohol": _("How often and how much alcohol you drink."),
    "tobak": _("Smoking, snus, e-cigarettes and water pipe."),
    "livssituation": _("How your everyday life feels: support from others, money and work. You and your nurse "
                       "set this together."),
    "psykisk_halsa": _("Stress, sleep, worry, low mood and tiredness."),
    "arftlighet": _("Heart disease and diabetes among your parents and siblings."),
    "bmi": _("Body mass index: your weight compared with your height."),
    "midja_stuss": _("Your waist measurement divided by your hip measurement. Fat around the stomach raises the "
                     "risk of heart disease and diabetes."),
    "blodtryck": _("The pressure in your blood vessels, measured after a rest."),
    "kolesterol": _("The amount of fat (cholesterol) in your blood."),
}

LEVEL_MEANING = {
    1: _("Low risk. Keep it up!"),
    2: _("Slightly raised risk."),
    3: _("Raised risk. A change would be good for your health."),
    4: _("High risk. A change is important for your health."),
}

ALERT_MEANING = {
    "glucose_raised": _("Your fasting blood sugar was a little high. It should be checked again in a year."),
    "glucose_diabetes": _("Your fasting blood sugar was high. You will be offered a new test and a doctor's "
                          "appointment."),
    "nonfasting_glucose_high": _("Your blood sugar was high. It needs to be checked again."),
    "underweight": _("Your weight is low for your height."),
    "waist_increased": _("Your waist measurement is somewhat large."),
    "waist_high": _("Your waist measurement is large."),
    "hdl_low": _("Your \"good\" cholesterol (HDL) is low."),
    "triglycerides_high": _("Your blood fats (triglycerides) are high."),
    "ldl_high": _("Your \"bad\" cholesterol (LDL) is high."),
    "bp_high_normal": _("Your blood pressure is at the upper end of normal. Have it checked once a year."),
}
