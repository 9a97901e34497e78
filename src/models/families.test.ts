// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CustomModelError, customModelEntry, familyOfConfig, REQUIRED_MODULES } from './custom-model';
import { familyOfModelType, familyRow, isModelFamily, MODEL_FAMILIES, MODEL_FAMILY_IDS, SUPPORTED_MODEL_TYPES, type ModelFamily } from './families';
import { MODELS } from './registry';

/**
 * The family table and everything derived from it agree. (That every family has a loader in the
 * worker is checked next to the loader table, workers/load-captioner.test.ts: src/models/ may not
 * import workers/.)
 */

const FIXTURES = join(import.meta.dirname, '../../public/models');
const fp32Files = (family: ModelFamily) => familyRow(family).modules.map((module) => ({ path: `onnx/${module}.onnx`, bytes: 10 }));

describe('the family table', () => {
  it('lists its ids in table order, each with a label, a transformers.js entry point, model types and ONNX modules', () => {
    expect(MODEL_FAMILY_IDS).toEqual(Object.keys(MODEL_FAMILIES));
    for (const family of MODEL_FAMILY_IDS) {
      const row = familyRow(family);
      expect(row.label, family).not.toBe('');
      expect('pipeline' in row.transformers || (row.transformers.processor !== '' && row.transformers.model !== ''), family).toBe(true);
      expect(row.modelTypes.length, family).toBeGreaterThan(0);
      expect(row.modules, family).toContain('decoder_model_merged');
      expect(new Set(row.modules).size, family).toBe(row.modules.length);
      expect(row.generation.maxNewTokens, family).toBeGreaterThan(0);
    }
  });

  it('gives every config.json model_type to one family only', () => {
    expect(new Set(SUPPORTED_MODEL_TYPES).size).toBe(SUPPORTED_MODEL_TYPES.length);
    expect(SUPPORTED_MODEL_TYPES).toEqual(MODEL_FAMILY_IDS.flatMap((family) => familyRow(family).modelTypes));
  });
});

describe('the stored-family check', () => {
  it('accepts exactly the table ids', () => {
    for (const family of MODEL_FAMILY_IDS) expect(isModelFamily(family), family).toBe(true);
    for (const other of ['', 'Florence2', 'florence-2', 'smolVLM', 'constructor', 'toString', '__proto__', 'hasOwnProperty', ' smolvlm']) {
      expect(isModelFamily(other), JSON.stringify(other)).toBe(false);
    }
    for (const other of [undefined, null, 42, {}, ['florence2'], { family: 'florence2' }]) expect(isModelFamily(other)).toBe(false);
  });
});

describe('the registry', () => {
  it('puts every entry in a family of the table, and has a fixture for every family', () => {
    for (const model of MODELS) expect(isModelFamily(model.family), `${model.id}: ${model.family}`).toBe(true);
    for (const family of MODEL_FAMILY_IDS) expect(MODELS.some((m) => m.family === family && m.fixture), `a fixture model of ${family}`).toBe(true);
  });

  it('gives hub models their family’s generation settings, the ones an added model of the family gets', () => {
    for (const model of MODELS.filter((m) => m.source.kind === 'hub')) expect(model.generation, model.id).toEqual(familyRow(model.family).generation);
  });

  it('keeps each fixture’s config.json model_type in the family the registry gives it', () => {
    for (const model of MODELS.filter((m) => m.source.kind === 'app')) {
      const config = JSON.parse(readFileSync(join(FIXTURES, model.id, 'config.json'), 'utf8')) as { model_type: string };
      expect(familyOfModelType(config.model_type), model.id).toBe(model.family);
    }
  });
});

describe('the custom-model tables', () => {
  it('require exactly each family’s ONNX modules', () => {
    expect(Object.keys(REQUIRED_MODULES)).toEqual(MODEL_FAMILY_IDS);
    for (const family of MODEL_FAMILY_IDS) expect(REQUIRED_MODULES[family], family).toEqual(familyRow(family).modules);
  });

  it.each(MODEL_FAMILY_IDS)('turn every model_type of %s into an entry of that family with its prompt and generation settings', (family) => {
    const row = familyRow(family);
    for (const modelType of row.modelTypes) {
      expect(familyOfModelType(modelType)).toBe(family);
      expect(familyOfConfig({ model_type: modelType })).toBe(family);
      const entry = customModelEntry({ config: { model_type: modelType }, files: fp32Files(family), origin: { kind: 'folder', name: 'm' } });
      expect(entry.family).toBe(family);
      expect(entry.prompt).toBe(row.prompt);
      expect(entry.generation).toEqual(row.generation);
      expect(entry.approxBytes).toEqual({ fp32: 10 * row.modules.length });
    }
  });

  it.each(MODEL_FAMILY_IDS)('refuse a %s model that lacks one of its modules', (family) => {
    const { modules, modelTypes } = familyRow(family);
    for (const missing of modules) {
      const files = fp32Files(family).filter((f) => f.path !== `onnx/${missing}.onnx`);
      expect(() => customModelEntry({ config: { model_type: modelTypes[0] }, files, origin: { kind: 'folder', name: 'm' } })).toThrow(`${missing}.onnx is missing`);
    }
  });

  it('name every supported model_type when refusing one, and take no inherited property for a model_type', () => {
    for (const modelType of ['bert', 'constructor', '__proto__', 'toString']) {
      expect(familyOfModelType(modelType), modelType).toBeUndefined();
      expect(() => familyOfConfig({ model_type: modelType }), modelType).toThrow(CustomModelError);
      expect(() => familyOfConfig({ model_type: modelType }), modelType).toThrow(`Supported types: ${SUPPORTED_MODEL_TYPES.join(', ')}.`);
    }
  });
});
