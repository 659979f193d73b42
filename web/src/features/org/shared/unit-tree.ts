import type { Unit } from '../units/units.api';
import { inParens } from '../../../app/i18n/i18n';

export type UnitNode = Unit & { children?: UnitNode[] };

function byOrder(a: Unit, b: Unit): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
}

/** Nests the flat list by parentId; a unit whose parent is missing becomes a root. */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const childrenOf = new Map<number | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    const list = childrenOf.get(parent) ?? [];
    list.push(unit);
    childrenOf.set(parent, list);
  }
  const seen = new Set<number>();
  const build = (parent: number | null): UnitNode[] =>
    (childrenOf.get(parent) ?? [])
      .filter((unit) => !seen.has(unit.id))
      .sort(byOrder)
      .map((unit) => {
        seen.add(unit.id);
        const children = build(unit.id);
        return children.length > 0 ? { ...unit, children } : { ...unit };
      });
  return build(null);
}

/** Keeps the nodes that match and the ancestors leading to them. */
export function filterTree(nodes: UnitNode[], match: (unit: Unit) => boolean): UnitNode[] {
  const result: UnitNode[] = [];
  for (const node of nodes) {
    const children = node.children ? filterTree(node.children, match) : [];
    if (match(node) || children.length > 0) {
      result.push(children.length > 0 ? { ...node, children } : { ...node, children: undefined });
    }
  }
  return result;
}

export function keysWithChildren(nodes: UnitNode[]): number[] {
  const keys: number[] = [];
  const visit = (list: UnitNode[]) => {
    for (const node of list) {
      if (node.children && node.children.length > 0) {
        keys.push(node.id);
        visit(node.children);
      }
    }
  };
  visit(nodes);
  return keys;
}

/** The id of a unit and of every unit below it (a unit cannot move under its own descendant). */
export function subtreeIds(units: Unit[], rootId: number): Set<number> {
  const result = new Set<number>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId !== null && result.has(unit.parentId) && !result.has(unit.id)) {
        result.add(unit.id);
        grew = true;
      }
    }
  }
  return result;
}

export interface UnitTreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: UnitTreeOption[];
}

/** TreeSelect data; `exclude` units are left out with everything below them. */
export function unitTreeOptions(
  units: Unit[],
  inactiveLabel: string,
  exclude?: Set<number>,
): UnitTreeOption[] {
  const convert = (nodes: UnitNode[]): UnitTreeOption[] =>
    nodes
      .filter((node) => !exclude?.has(node.id))
      .map((node) => {
        const children = node.children ? convert(node.children) : [];
        return {
          value: node.id,
          title: node.active ? node.name : `${node.name}${inParens(inactiveLabel)}`,
          ...(children.length > 0 ? { children } : {}),
        };
      });
  return convert(buildUnitTree(units));
}
