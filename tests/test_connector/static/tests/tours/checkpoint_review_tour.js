/** @odoo-module **/
/* License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html) */

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// Connectors > Checkpoints: find the checkpoint of the record named
// "Tour record to review", open it and mark it as reviewed.
registry.category("web_tour.tours").add("connector_checkpoint_review_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Connectors menu",
            trigger: '.o_app[data-menu-xmlid="connector.menu_connector_root"]',
            run: "click",
        },
        {
            content: "Open the checkpoints",
            trigger: '.o_menu_sections [data-menu-xmlid="connector.menu_checkpoint"]',
            run: "click",
        },
        {
            content: "Open the checkpoint of the record",
            trigger:
                '.o_list_view .o_data_row .o_data_cell[name="name"]:contains("Tour record to review")',
            run: "click",
        },
        {
            content: "The form shows the record to review",
            trigger: '.o_form_view .o_field_widget[name="name"]:contains("Tour record to review")',
        },
        {
            content: "Mark it as reviewed",
            trigger: '.o_form_view .o_statusbar_buttons button[name="reviewed"]',
            run: "click",
        },
        {
            content: "The checkpoint is reviewed",
            trigger:
                '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("Reviewed")',
        },
        {
            content: "The button is gone",
            trigger: '.o_form_view .o_form_statusbar:not(:has(button[name="reviewed"]))',
        },
    ],
});
