"""The producer's spreadsheets (tracker.xlsx, finance-plan.xlsx): the only code that imports openpyxl."""
