DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "Y-m-d"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
