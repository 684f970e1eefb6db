# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The mappers: remote records to binding values, and back."""

from odoo import Command

from odoo.addons.connector.exception import MappingError
from odoo.addons.connector.unit.mapper import (
    ExportMapper,
    ImportMapper,
    changed_by,
    mapping,
    only_create,
)

from ..backend import CATEGORY_BINDING, PARTNER_BINDING, example_odoo

__all__ = [
    "CategoryImportMapper",
    "PartnerImportMapper",
    "CategoryExportMapper",
    "PartnerExportMapper",
]


@example_odoo
class CategoryImportMapper(ImportMapper):
    """A remote ``res.partner.category`` (as read by the adapter) to the
    values of a category binding."""

    _model_name = CATEGORY_BINDING
    direct = [("name", "name"), ("color", "color"), ("active", "active")]


@example_odoo
class PartnerImportMapper(ImportMapper):
    """A remote ``res.partner`` (as read by the adapter) to the values of a
    partner binding.

    * the country is found by its ISO code (none when unknown here);
    * the categories must have been imported (the importer imports them
      first): an unbound one raises
      :class:`~odoo.addons.connector.exception.MappingError`;
    * the language is taken when the partner is created only, and only if
      it is installed here: afterwards it is managed in this database.
    """

    _model_name = PARTNER_BINDING
    direct = [
        ("name", "name"),
        ("email", "email"),
        ("phone", "phone"),
        ("street", "street"),
        ("city", "city"),
        ("zip", "zip"),
        ("is_company", "is_company"),
        ("active", "active"),
    ]

    @mapping
    def country_id(self, record):
        """The country of the remote ISO code, none when unknown here."""
        code = record.get("country_code")
        country = code and self.env["res.country"].search(
            [("code", "=", code)], limit=1
        )
        return {"country_id": country.id if country else False}

    @mapping
    def category_id(self, record):
        """The categories bound to the remote ones (all of them replace
        the partner's categories).

        :raise MappingError: for a remote category not imported yet
        """
        binder = self.binder_for(CATEGORY_BINDING)
        category_ids = []
        for external_id in record.get("category_id") or []:
            category = binder.to_internal(external_id, unwrap=True)
            if not category:
                raise MappingError(
                    f"the category of external id {external_id} is not imported "
                    f"from backend {self.backend_record.name!r}"
                )
            category_ids.append(category.id)
        return {"category_id": [Command.set(category_ids)]}

    @only_create
    @mapping
    def lang(self, record):
        """The remote language, at creation, when installed here."""
        installed = dict(self.env["res.lang"].get_installed())
        if record.get("lang") in installed:
            return {"lang": record["lang"]}
        return None


@example_odoo
class CategoryExportMapper(ExportMapper):
    """A category binding to the values of a remote
    ``res.partner.category``."""

    _model_name = CATEGORY_BINDING
    direct = [("name", "name"), ("color", "color")]


@example_odoo
class PartnerExportMapper(ExportMapper):
    """A partner binding to the values of a remote ``res.partner``.

    Its source fields (:meth:`changed_by_fields`) are the fields whose
    change is exported: the consumers of :mod:`..consumer` ignore the
    others. The country and the language are not exported.
    """

    _model_name = PARTNER_BINDING
    direct = [
        ("name", "name"),
        ("email", "email"),
        ("phone", "phone"),
        ("street", "street"),
        ("city", "city"),
        ("zip", "zip"),
        ("is_company", "is_company"),
    ]

    @changed_by("category_id")
    @mapping
    def category_id(self, record):
        """The remote ids of the partner's categories.

        :raise MappingError: for a category without remote id (the exporter
            exports them first)
        """
        binder = self.binder_for(CATEGORY_BINDING)
        remote_ids = []
        for category in record.category_id:
            external_id = binder.to_external(category, wrap=True)
            if not external_id:
                raise MappingError(
                    f"the category {category.display_name!r} has no external id on "
                    f"backend {self.backend_record.name!r}: export it first"
                )
            remote_ids.append(int(external_id))
        # a plain (6, 0, ids): XML-RPC cannot marshal the Command enum
        return {"category_id": [(6, 0, remote_ids)]}
