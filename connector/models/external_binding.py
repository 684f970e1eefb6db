# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import api, fields, models

from ..connector import ConnectorEnvironment
from ..exception import BindingError
from ..unit.deleter import RecordDeleter
from ..unit.exporter import RecordExporter
from ..unit.importer import BatchImporter, BulkImporter, RecordImporter


class ExternalBinding(models.AbstractModel):
    """The base of binding models: each record of a binding model ties one
    Odoo record to one record of one backend, with its external id and the
    date and version of its last synchronization.

    A connector's binding model inherits it and usually ``_inherits`` the
    model it binds, so that a binding reads like the bound record::

        class ShopResPartner(models.Model):
            _name = "shop.res.partner"
            _inherit = "external.binding"
            _inherits = {"res.partner": "odoo_id"}
            _description = "Shop Partner"

            odoo_id = fields.Many2one(
                "res.partner", required=True, ondelete="cascade", index=True
            )
            backend_id = fields.Many2one(
                "shop.backend", required=True, ondelete="restrict"
            )
            external_id = fields.Char(index=True)

            _sql_constraints = [
                ("shop_external_uniq", "unique(backend_id, external_id)",
                 "This external id is bound already on this backend."),
                ("shop_record_uniq", "unique(backend_id, odoo_id)",
                 "This partner is bound already on this backend."),
            ]

    The unique constraints make the binder's lookups one indexed query and
    keep two concurrent jobs from binding twice. 9.0 connectors name the
    link field ``openerp_id``: the default binder finds either.

    **Jobs.** Every binding model has the job methods below, which run the
    generic synchronizers (:mod:`~odoo.addons.connector.unit.importer`,
    :mod:`~odoo.addons.connector.unit.exporter`,
    :mod:`~odoo.addons.connector.unit.deleter`) registered on the backend for
    the model; queue_job delays them::

        env["shop.res.partner"].with_delay().import_record(backend, "42")
        env["shop.res.partner"].with_delay().import_batch(backend)
        env["shop.res.partner"].with_delay().import_chunk(backend, ["1", "2"])
        binding.with_delay().export_record(fields=["email"])
        env["shop.res.partner"].with_delay().export_delete_record(backend, "42")

    A concrete binding model declares a ``queue.job.function`` record per
    job method it uses, for its channel, retry pattern and related action
    (or decorates an override of the method with the legacy ``@job`` of
    :mod:`odoo.addons.connector.queue.job`, which creates the record)::

        <record id="job_function_partner_import_record" model="queue.job.function">
            <field name="model_id" ref="model_shop_res_partner" />
            <field name="method">import_record</field>
            <field name="channel_id" ref="channel_shop" />
            <field name="retry_pattern" eval="{1: 10, 5: 60, 10: 600}" />
        </record>

    A connector using its own
    :class:`~odoo.addons.connector.connector.ConnectorEnvironment` class
    overrides :meth:`_connector_environment`.
    """

    _name = "external.binding"
    _description = "External Binding (abstract)"

    sync_date = fields.Datetime(string="Last synchronization date")
    external_version = fields.Char(
        string="Version of the external record",
        readonly=True,
        copy=False,
        help="The version of the external record last imported (by default a "
        "digest of its data as read): the next import compares it with the "
        "version it reads to know whether the record changed.",
    )

    @api.model
    def _connector_environment(self, backend):
        """The :class:`~odoo.addons.connector.connector.ConnectorEnvironment`
        the jobs of this model run in, for ``backend`` (a backend record).
        Override it to use a subclass carrying more (an API client...)."""
        return ConnectorEnvironment(backend.with_env(self.env), self.env, self._name)

    @api.model
    def _connector_unit(self, backend, unit_class):
        """The unit of ``unit_class`` registered on ``backend`` for this
        model.

        :param backend: the backend record, or its id (as a call over RPC
            gives it)
        :raise NoConnectorUnitError: when the backend has none
        :raise BindingError: when ``backend`` is a record of another model
            than the one ``backend_id`` points to
        """
        backend_field = self._fields.get("backend_id")
        if isinstance(backend, int) and not isinstance(backend, bool):
            backend = self.env[backend_field.comodel_name].browse(backend)
        elif (
            isinstance(backend, models.BaseModel)
            and backend_field is not None
            and backend_field.type == "many2one"
            and backend._name != backend_field.comodel_name
        ):
            # the lookup would search the units of that other backend, and
            # fail naming none of this
            raise BindingError(
                f"{self._name}: cannot run its {unit_class.__name__} with the "
                f"backend record {backend!r}: {self._name}.backend_id points to "
                f"{backend_field.comodel_name}; pass a {backend_field.comodel_name} "
                "record (or its id)"
            )
        return self._connector_environment(backend).get_connector_unit(unit_class)

    @api.model
    def import_record(self, backend, external_id, force=False):
        """Job: import one record from the backend with the model's
        :class:`~odoo.addons.connector.unit.importer.RecordImporter`.

        :param backend: the backend record (or its id)
        :param external_id: external id of the record
        :param force: import even when the binding is up to date
        :return: the importer's message
        """
        importer = self._connector_unit(backend, RecordImporter)
        return importer.run(external_id, force=force)

    @api.model
    def import_batch(self, backend, filters=None, bulk=None):
        """Job: import the records the backend's search returns, with the
        model's :class:`~odoo.addons.connector.unit.importer.BatchImporter`
        (directly or by one job per record, depending on the importer).

        :param backend: the backend record (or its id)
        :param filters: filters of the backend adapter's ``search``
        :param bulk: for a
            :class:`~odoo.addons.connector.unit.importer.DelayedBatchImporter`,
            ``True`` for bulk jobs, ``False`` for one job per record; ``None``
            (default) lets the importer decide
        :return: the importer's message
        """
        importer = self._connector_unit(backend, BatchImporter)
        if bulk is None:
            return importer.run(filters=filters)
        return importer.run(filters=filters, bulk=bulk)

    @api.model
    def import_chunk(self, backend, external_ids, force=False):
        """Job: import a chunk of records at once with the model's
        :class:`~odoo.addons.connector.unit.importer.BulkImporter`; the
        records the bulk path refuses get their own ``import_record`` jobs
        (see :class:`~odoo.addons.connector.unit.importer.DelayedBatchImporter`).

        :param backend: the backend record (or its id)
        :param external_ids: the external ids of the chunk
        :param force: import even the records whose binding is up to date
        :return: the importer's message
        """
        importer = self._connector_unit(backend, BulkImporter)
        return importer.run(external_ids, force=force, fallback=True)

    def export_record(self, fields=None):
        """Job: export this binding with the model's
        :class:`~odoo.addons.connector.unit.exporter.RecordExporter`
        (on the backend of its ``backend_id``).

        :param fields: names of the changed fields, to export only those
        :return: the exporter's message
        """
        self.ensure_one()
        exporter = self._connector_unit(self.backend_id, RecordExporter)
        return exporter.run(self, fields=fields)

    @api.model
    def export_delete_record(self, backend, external_id):
        """Job: delete a record on the backend with the model's
        :class:`~odoo.addons.connector.unit.deleter.RecordDeleter`.

        :param backend: the backend record
        :param external_id: external id of the record
        :return: the deleter's message
        """
        deleter = self._connector_unit(backend, RecordDeleter)
        return deleter.run(external_id)
