# Translation targets with the names the Open edX translations pipeline (openedx-translations) calls.
PYTHON ?= .venv/bin/python

.PHONY: extract_translations compile_translations check_translations

extract_translations:  ## English sources in translations/en/LC_MESSAGES/{django,djangojs}.po; new msgids into each language
	$(PYTHON) scripts/translations.py extract

compile_translations:  ## every translations/<lang>/LC_MESSAGES/*.po -> .mo (shipped in the wheel)
	$(PYTHON) scripts/translations.py compile

check_translations:  ## fails on a missing, untranslated or fuzzy message, a changed placeholder or a stale .mo
	$(PYTHON) scripts/translations.py check
