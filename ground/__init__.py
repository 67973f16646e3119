"""The ground floor: what every step (crawl, assess, score, report) and the application stand on.

The store and its run lock, the sites file, the status taxonomy, URL functions, WARC reading,
text normalisation with the vocabulary packs, the private-address rule and the spreadsheet
guard. Nothing here imports a step (enforced by import-linter, see pyproject.toml).
"""

__version__ = "0.1.0"
