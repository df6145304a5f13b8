"""What pdukit may say about the terms of what it publishes, in one wording for pages, downloaded charts and Excel
files. Standard library only: the renderer's footer uses it in a render that never imports pandas.

The compilation (tables, charts, sentences) is pdukit's, published under the Open Government Licence v3.0, as is
the HM Inspectorate of Probation and Ministry of Justice material it quotes; what news and other publishers wrote
stays theirs, quoted to report and cite it. No line here claims more than that.
"""

OGL = "Open Government Licence v3.0"

# under every downloaded chart, after its source line
CHART = f"Chart: pdukit, {OGL}; figures from the sources named, which keep their own terms."

# the page footer and the Excel file's About sheet
DATA = (f"pdukit's compilation, and the HM Inspectorate of Probation and Ministry of Justice material in it, are "
        f"under the {OGL}. Quotes and figures from news and other publishers remain theirs, quoted to report and "
        "cite them.")

# who made it
MAKER = ("Compiled by pdukit from public sources; not an official publication of HM Inspectorate of Probation or "
         "the Ministry of Justice.")
