"""DOT text for a computational graph after k steps (drawn by st.graphviz_chart).

As in the book's figures: inputs on the left, the output on the right, each edge with its forward
value above and, once the backward pass has reached it, its gradient below in red.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from nnlib.graph import OPS, Graph, Step, fmt

VALUE_COLOUR = "#1f3a93"
GRADIENT_COLOUR = "#d62728"
PENDING_COLOUR = "#b0b0b0"
CURRENT_FILL = "#ffe08a"
OUTPUT_SINK = "out"


@dataclass(frozen=True)
class GraphState:
    """What is known after the first k steps."""

    computed: frozenset[int]  # nodes whose value is known
    gradients: dict[tuple[int, int], float]  # (input, node) edge → gradient it carried back
    seeded: bool  # ∂L/∂L = 1 has been set
    current: int | None  # node of step k, highlighted


def state_after(graph: Graph, steps: list[Step], k: int) -> GraphState:
    computed = {n.id for n in graph.nodes if n.is_leaf}
    gradients: dict[tuple[int, int], float] = {}
    seeded = False
    for step in steps[:k]:
        if step.phase == "forward":
            computed.add(step.node)
        elif not step.edges and step.node == graph.output.id:
            seeded = True
        for source, target, gradient in step.edges:
            gradients[(source, target)] = gradient
    current = steps[k - 1].node if k > 0 else None
    return GraphState(frozenset(computed), gradients, seeded, current)


def _edge_label(value: float | None, gradient: float | None) -> str:
    rows = []
    if value is not None:
        rows.append(f'<font color="{VALUE_COLOUR}">{escape(fmt(value))}</font>')
    if gradient is not None:
        rows.append(f'<font color="{GRADIENT_COLOUR}">{escape(fmt(gradient))}</font>')
    return "<" + "<br/>".join(rows) + ">" if rows else '""'


def graph_dot(graph: Graph, steps: list[Step], k: int) -> str:
    """The graph as DOT after k steps: pending nodes grey, the current one highlighted."""
    state = state_after(graph, steps, k)
    lines = [
        "digraph G {",
        '  rankdir=LR; bgcolor="transparent"; nodesep=0.35; ranksep=0.7;',
        '  node [fontname="Helvetica", fontsize=13]; edge [fontname="Helvetica", fontsize=12, arrowsize=0.7];',
    ]
    for n in graph.nodes:
        colour = PENDING_COLOUR if n.id not in state.computed else "black"
        styles = ["rounded"] if n.kind == "var" else []
        if n.id == state.current:
            styles.append("filled")
        if n.kind == "var":
            attributes = f'shape=box, label="{escape(n.label)}"'
        elif n.kind == "const":
            attributes = f'shape=plaintext, label="{escape(n.label)}"'
        else:
            attributes = (f'shape=circle, fixedsize=true, width=0.7, '
                          f'label=<<b>{escape(OPS[n.kind].symbol)}</b><br/>'
                          f'<font point-size="9">{escape(n.label)}</font>>, '
                          f'tooltip="{escape(n.label)} = {escape(n.name)}"')
        lines.append(f'  n{n.id} [{attributes}, style="{",".join(styles)}", '
                     f'fillcolor="{CURRENT_FILL}", color="{colour}", fontcolor="{colour}"];')
    for n in graph.nodes:
        for i in n.inputs:
            value = graph.nodes[i].value if i in state.computed else None
            label = _edge_label(value, state.gradients.get((i, n.id)))
            lines.append(f"  n{i} -> n{n.id} [label={label}];")
    out = graph.output
    lines.append(f'  {OUTPUT_SINK} [shape=point, width=0.05, color="{PENDING_COLOUR}"];')
    label = _edge_label(out.value if out.id in state.computed else None, 1.0 if state.seeded else None)
    lines.append(f"  n{out.id} -> {OUTPUT_SINK} [label={label}];")
    lines.append("}")
    return "\n".join(lines)

