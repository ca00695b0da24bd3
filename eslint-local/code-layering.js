// A local ESLint rule that enforces DESIGN.md's layers on relative imports (after vscode's
// code-layering / code-import-patterns rules): each layer names what it may import and why,
// and the message a violation gets says both, so the fix is obvious from the lint output.
//
// Options: { layers: Layer[], doors: Door[] }
//   Layer: { name, files: prefix[], allowOnly?: prefix[], forbid?: prefix[], because }
//     A file under one of `files` may import, within the project, only what is under
//     `allowOnly` (when given) and nothing under `forbid`.
//   Door: { target: prefix, onlyFrom: prefix[], because }
//     Only files under `onlyFrom` may import anything under `target`.
// Prefixes are project-relative POSIX paths: 'main/store/' (a folder) or 'main/x.ts' / 'preload/contract'
// (a module, matched with or without its extension and as the folder of its index).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION = /\.(?:d\.ts|tsx?|mjs|cjs|js)$/;

function toProjectPath(absolute) {
  return path.relative(ROOT, absolute).split(path.sep).join('/').replace(EXTENSION, '');
}

export function underPrefix(projectPath, prefix) {
  const p = prefix.replace(EXTENSION, '');
  if (p.endsWith('/')) return projectPath.startsWith(p);
  return projectPath === p || projectPath.startsWith(`${p}/`);
}

const underAny = (projectPath, prefixes) => prefixes.some((prefix) => underPrefix(projectPath, prefix));

const listOf = (prefixes) => prefixes.map((p) => p.replace(/\/$/, '')).join(', ');

export default {
  meta: {
    type: 'problem',
    docs: { description: "Imports must follow DESIGN.md's layers" },
    schema: [
      {
        type: 'object',
        properties: { layers: { type: 'array' }, doors: { type: 'array' } },
        additionalProperties: false,
      },
    ],
    messages: {
      layerBreaker:
        'Bad layering: {{layer}} may not import {{target}}. {{layer}} may import {{allowed}}. Why: {{because}}',
      closedDoor: 'Bad layering: {{target}} may be imported only by {{doors}}. Why: {{because}}',
    },
  },
  create(context) {
    const { layers = [], doors = [] } = context.options[0] ?? {};
    const file = toProjectPath(context.filename);
    if (file.startsWith('..')) return {};
    const ownLayers = layers.filter((layer) => underAny(file, layer.files));

    function check(node, specifier) {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = toProjectPath(path.resolve(path.dirname(context.filename), specifier));
      if (target.startsWith('..')) return; // outside the project: not a layer
      for (const layer of ownLayers) {
        if (underAny(target, layer.files)) continue; // inside its own layer
        const notAllowed = layer.allowOnly && !underAny(target, layer.allowOnly);
        const forbidden = layer.forbid && underAny(target, layer.forbid);
        if (notAllowed || forbidden) {
          const allowed = layer.allowOnly
            ? `only ${listOf([...layer.files, ...layer.allowOnly])}`
            : `anything but ${listOf(layer.forbid)}`;
          context.report({
            node,
            messageId: 'layerBreaker',
            data: { layer: layer.name, target, allowed, because: layer.because },
          });
        }
      }
      for (const door of doors) {
        if (underPrefix(target, door.target) && !underPrefix(file, door.target) && !underAny(file, door.onlyFrom)) {
          context.report({
            node,
            messageId: 'closedDoor',
            data: { target: door.target.replace(/\/$/, ''), doors: listOf(door.onlyFrom), because: door.because },
          });
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      // `typeof import('../x')` in a type position couples layers just as much.
      TSImportType: (node) => node.argument?.literal && check(node.argument.literal, node.argument.literal.value),
      CallExpression(node) {
        const [arg] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && arg?.type === 'Literal') {
          check(arg, arg.value);
        }
      },
    };
  },
};
