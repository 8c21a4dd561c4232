"""Treaty eligibility: framework files as data, a table of small rules, and the verdict."""
