"""Finish a print-ready file towards PDF/X-1a: an output intent, the X version key,
no link annotations (they mean nothing on paper and PDF/X keeps the bleed area clean).

What is still short of a certified PDF/X-1a file is listed in docs/formats.md.
"""

from __future__ import annotations

import io

import pikepdf

# A registered characterization: PDF/X-1a may name it without embedding the ICC profile.
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004)"


def finish_print_file(data: bytes) -> bytes:
    pdf = pikepdf.open(io.BytesIO(data))
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=OUTPUT_CONDITION, OutputCondition=OUTPUT_CONDITION_INFO,
        RegistryName="http://www.color.org", Info=OUTPUT_CONDITION_INFO,
    )
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
    for page in pdf.pages:
        if "/Annots" in page.obj:
            del page.obj["/Annots"]
    pdf.docinfo[pikepdf.Name.GTS_PDFXVersion] = "PDF/X-1:2001"
    pdf.docinfo[pikepdf.Name.GTS_PDFXConformance] = "PDF/X-1a:2001"
    pdf.docinfo[pikepdf.Name.Trapped] = pikepdf.Name("/False")
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()
