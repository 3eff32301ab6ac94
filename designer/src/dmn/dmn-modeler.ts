/** dmn-js's modeler with the properties panel and its styles: loaded only when an analyst opens a DMN file */
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import 'dmn-js-properties-panel/dist/assets/properties-panel.css';
import DmnModeler from 'dmn-js/lib/Modeler';
import { CamundaPropertiesProviderModule, DmnPropertiesPanelModule, DmnPropertiesProviderModule } from 'dmn-js-properties-panel';
import camundaModdle from 'camunda-dmn-moddle/resources/camunda.json';
import DataTypesModule from 'dmn-js-shared/lib/features/data-types';

export type { DmnModeler };

/**
 * The properties panel (3.12) brings a `dataTypes` service of its own, older than dmn-js-shared's
 * (17.13: no registerProvider, which the DRD's default data types call at start). Registered last,
 * dmn-js-shared's wins again: a module object of its own, as the injector loads each object once.
 */
const sharedDataTypes = { dataTypes: DataTypesModule.dataTypes };

/**
 * The DRD, decision table and literal expression editors (dmn-js switches between them); the
 * properties panel (ids, names, camunda:versionTag and historyTimeToLive) belongs to the DRD view.
 */
export function createDmnModeler(canvas: HTMLElement, properties: HTMLElement): DmnModeler {
  return new DmnModeler({
    container: canvas,
    drd: {
      propertiesPanel: { parent: properties },
      additionalModules: [DmnPropertiesPanelModule, DmnPropertiesProviderModule, CamundaPropertiesProviderModule, sharedDataTypes],
    },
    moddleExtensions: { camunda: camundaModdle },
  });
}
