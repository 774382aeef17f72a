"""The admin's tables, said as tables to a screen reader. Loaded with {% load admin_tables %}
by pagina_madre/templates/admin/change_list_results.html."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ROW_HEADER = "<th"


@register.filter
def row_header(cell: SafeString) -> SafeString:
    """A change list's cell as Django wrote it, the row's first (a ``<th>``, the object's
    link) said to be the row's header. Django builds the cells in Python
    (``admin_list.items_for_result``), leaving nothing else to change."""
    if not cell.startswith(ROW_HEADER):
        return cell
    # The rest is Django's cell as it was, already escaped.
    return mark_safe(f'<th scope="row"{cell[len(ROW_HEADER) :]}')
