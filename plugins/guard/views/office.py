"""Word, Excel, PowerPoint and OpenDocument files: refused, a PDF recommended.

They carry what their author cannot see and the site cannot safely remove: tracked
changes and deleted text, comments, the author and company, earlier versions, hidden
sheets and slides, speaker notes, embedded photos with their location. A PDF shows
what it says, and its metadata is removed and checked.
"""

SUFFIXES = (
    ".doc", ".docx", ".docm", ".dot", ".dotx", ".rtf",
    ".xls", ".xlsx", ".xlsm", ".xlt", ".xltx",
    ".ppt", ".pptx", ".pptm", ".pps", ".ppsx",
    ".odt", ".ods", ".odp", ".odg", ".ott", ".fodt",
    ".pages", ".numbers", ".key",
)  # fmt: skip
REASON = (
    "Word, Excel, PowerPoint and OpenDocument files are not published (they keep "
    "hidden authors, comments and tracked changes); save it as PDF and link to the PDF"
)
