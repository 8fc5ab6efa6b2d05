"""Scalar computational graphs, in the spirit of micrograd and chapter 5 of the book.

Each operation states, side by side, its forward value and its local derivative(s); backward is
a loop over the nodes in reverse creation order, multiplying the upstream gradient by the local
one and adding it to each input (so a variable used twice accumulates its gradient).

`parse(text, **values)` builds a graph from a typed expression with Python's `ast` and a whitelist:
numbers, names, + − × ÷ **, unary minus and calls of exp, log, sigmoid, relu, tanh. Nothing is
ever evaluated by Python itself.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field
from typing import Callable

MAX_LENGTH = 200
MAX_NODES = 40
MAX_EXPONENT = 10
MAX_LITERAL = 1e12
DEFAULT_VALUE = 1.0


class GraphMathError(ValueError):
    """A value that cannot be computed (log of 0, division by zero, overflow), naming the node."""


# ---- operations: forward and local derivatives side by side ----

@dataclass(frozen=True)
class Op:
    symbol: str  # what the node shows
    forward: Callable[..., float]
    local: Callable[..., tuple[float, ...]]  # (inputs..., out) -> ∂out/∂input for each input
    rules: tuple[str, ...]  # local derivative per input; {a}, {b} operands, {k} exponent, {z} output
    check: Callable[..., str | None] = lambda *args: None  # a message when inputs are invalid


def _sigmoid(a: float) -> float:
    return 1 / (1 + math.exp(-a)) if a >= 0 else math.exp(a) / (1 + math.exp(a))


def _check_div(a, b):
    return "division by zero" if b == 0 else None


def _check_log(a):
    return None if a > 0 else f"log needs a positive input, got {fmt(a)}"


def _check_pow(a, k):
    if a == 0 and k < 0:
        return f"0 to a negative power ({fmt(k)}) divides by zero"
    if a < 0 and k != int(k):
        return f"a negative number ({fmt(a)}) to a fractional power ({fmt(k)}) is not a real number"
    return None


OPS: dict[str, Op] = {
    "add": Op("+", lambda a, b: a + b, lambda a, b, z: (1.0, 1.0), ("1", "1")),
    "sub": Op("−", lambda a, b: a - b, lambda a, b, z: (1.0, -1.0), ("1", "−1")),
    "mul": Op("×", lambda a, b: a * b, lambda a, b, z: (b, a), ("{b}", "{a}")),
    "div": Op("÷", lambda a, b: a / b, lambda a, b, z: (1 / b, -a / (b * b)),
              ("1/{b}", "−{a}/{b}²"), _check_div),
    "neg": Op("−x", lambda a: -a, lambda a, z: (-1.0,), ("−1",)),
    "pow": Op("xᵏ", lambda a, k: a**k, lambda a, k, z: (k * a ** (k - 1), 0.0),
              ("{k}·{a}^({k} − 1)", "—"), _check_pow),
    "exp": Op("exp", math.exp, lambda a, z: (z,), ("exp({a})",)),
    "log": Op("log", math.log, lambda a, z: (1 / a,), ("1/{a}",), _check_log),
    "sigmoid": Op("σ", _sigmoid, lambda a, z: (z * (1 - z),), ("{z}·(1 − {z})",)),
    "relu": Op("relu", lambda a: max(a, 0.0), lambda a, z: (1.0 if a > 0 else 0.0,),
               ("1 if {a} > 0 else 0",)),
    "tanh": Op("tanh", math.tanh, lambda a, z: (1 - z * z,), ("1 − {z}²",)),
}
FUNCTIONS = ("exp", "log", "sigmoid", "relu", "tanh")
_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}
_INFIX = {"add": "+", "sub": "−", "mul": "×", "div": "/", "pow": "^"}


def fmt(value: float) -> str:
    """A number as a learner would write it: 220, 2.2, 0.731059, 1.2e+13."""
    if value == 0:
        return "0"
    text = f"{value:.6g}"
    return text.replace("-", "−") if text.startswith("-") else text


# ---- the graph ----

@dataclass
class Node:
    id: int
    kind: str  # "var", "const" or an OPS key
    inputs: tuple[int, ...] = ()
    name: str = ""  # variable name, or the expression this node computes
    value: float = math.nan
    grad: float = 0.0
    label: str = ""  # short name in pictures and steps: the variable, the number, z1, z2, …, L

    @property
    def is_leaf(self) -> bool:
        return self.kind in ("var", "const")


@dataclass
class Step:
    """One click: a forward computation at a node, or the gradients a node passes back."""

    phase: str  # "forward" or "backward"
    node: int
    text: str
    latex: str
    edges: tuple[tuple[int, int, float], ...] = ()  # backward: (from input, to node, gradient)


@dataclass
class Graph:
    nodes: list[Node] = field(default_factory=list)

    # -- building --

    def _add(self, kind: str, inputs: tuple[int, ...] = (), name: str = "", value=math.nan) -> int:
        if len(self.nodes) >= MAX_NODES:
            raise ValueError(f"The expression is too large: at most {MAX_NODES} nodes.")
        self.nodes.append(Node(len(self.nodes), kind, inputs, name, value, label=name))
        return len(self.nodes) - 1

    @property
    def output(self) -> Node:
        return self.nodes[-1]

    @property
    def variables(self) -> list[str]:
        return [n.name for n in self.nodes if n.kind == "var"]

    def set_values(self, **values: float) -> None:
        for name, value in values.items():
            node = next((n for n in self.nodes if n.kind == "var" and n.name == name), None)
            if node is None:
                raise ValueError(f"The expression has no variable {name!r}; it has "
                                 f"{', '.join(self.variables) or 'none'}.")
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
                raise ValueError(f"The value of {name} must be a finite number; got {value!r}.")
            node.value = float(value)

    # -- forward and backward --

    def _compute(self, node: Node, values: list[float]) -> float:
        op = OPS[node.kind]
        args = [values[i] for i in node.inputs]
        problem = op.check(*args)
        if problem:
            raise GraphMathError(f"At node {node.name!r}: {problem}.")
        try:
            result = op.forward(*args)
        except OverflowError:
            result = math.inf
        if isinstance(result, complex) or not math.isfinite(result):
            raise GraphMathError(
                f"At node {node.name!r}: the result overflows (inputs {', '.join(map(fmt, args))})."
            )
        return float(result)

    def evaluate(self, **values: float) -> float:
        """The output for other variable values, leaving the graph's own values untouched."""
        current = [n.value for n in self.nodes]
        for n in self.nodes:
            if n.kind == "var" and n.name in values:
                current[n.id] = float(values[n.name])
        for n in self.nodes:
            if not n.is_leaf:
                current[n.id] = self._compute(n, current)
        return current[-1]

    def forward(self) -> float:
        values = [n.value for n in self.nodes]
        for n in self.nodes:
            if not n.is_leaf:
                values[n.id] = n.value = self._compute(n, values)
        return self.output.value

    def _locals(self, node: Node) -> tuple[float, ...]:
        return OPS[node.kind].local(*(self.nodes[i].value for i in node.inputs), node.value)

    def backward(self) -> None:
        """∂output/∂node for every node, by the chain rule in reverse creation order."""
        for n in self.nodes:
            n.grad = 0.0
        self.output.grad = 1.0
        for n in reversed(self.nodes):
            if n.is_leaf:
                continue
            for i, local in zip(n.inputs, self._locals(n)):
                self.nodes[i].grad += n.grad * local
                if not math.isfinite(self.nodes[i].grad):
                    raise GraphMathError(f"At node {n.name!r}: the gradient overflows.")

    @property
    def grads(self) -> dict[str, float]:
        return {n.name: n.grad for n in self.nodes if n.kind == "var"}

    def numerical_grads(self, h: float = 1e-6) -> dict[str, float]:
        """Central differences (f(x + h) − f(x − h)) / 2h per variable, as an independent check."""
        result = {}
        for name in self.variables:
            x = next(n.value for n in self.nodes if n.kind == "var" and n.name == name)
            step = h * max(1.0, abs(x))
            result[name] = (self.evaluate(**{name: x + step}) - self.evaluate(**{name: x - step})) / (2 * step)
        return result

    # -- the step-by-step story --

    def consumers(self, node_id: int) -> int:
        return sum(node_id in n.inputs for n in self.nodes)

    def steps(self) -> list[Step]:
        """Every forward computation, then the seed ∂L/∂L = 1, then each node's backward pass."""
        self.forward()
        self.backward()
        steps = [self._forward_step(n) for n in self.nodes if not n.is_leaf]
        out = self.output
        steps.append(Step("backward", out.id, f"Start the backward pass at the output: "
                          f"∂L/∂L = 1 (L = {out.name} = {fmt(out.value)}).",
                          r"\frac{\partial L}{\partial L} = 1"))
        steps += [self._backward_step(n) for n in reversed(self.nodes) if not n.is_leaf]
        return steps

    def _forward_step(self, n: Node) -> Step:
        args = [self.nodes[i] for i in n.inputs]
        labels = [a.label for a in args]
        numbers = [fmt(a.value) for a in args]
        latex_labels = [_latex_name(a.label) for a in args]
        latex_numbers = [_latex_number(a.value) for a in args]
        if n.kind in _INFIX:
            symbol, latex_symbol = f" {_INFIX[n.kind]} ", f" {_latex_infix(n.kind)} "
            shown, rule = symbol.join(numbers), symbol.join(labels)
            latex = f"{latex_symbol.join(latex_labels)} = {latex_symbol.join(latex_numbers)}"
        elif n.kind == "neg":
            shown, rule = f"−({numbers[0]})", f"−{labels[0]}"
            latex = f"-{latex_labels[0]} = -({latex_numbers[0]})"
        else:
            shown, rule = f"{n.kind}({numbers[0]})", f"{n.kind}({labels[0]})"
            latex = rf"\mathrm{{{n.kind}}}({latex_labels[0]}) = \mathrm{{{n.kind}}}({latex_numbers[0]})"
        return Step("forward", n.id, f"{n.label} = {rule} = {shown} = {fmt(n.value)}",
                    rf"{_latex_name(n.label)} = {latex} = {_latex_number(n.value)}")

    def _backward_step(self, n: Node) -> Step:
        op = OPS[n.kind]
        operands = [self.nodes[i] for i in n.inputs]
        words = dict(a=operands[0].label, b=operands[-1].label, k=fmt(operands[-1].value), z=n.label)
        lines, latex, edges = [], [], []
        for position, (target, local) in enumerate(zip(operands, self._locals(n))):
            if target.kind == "const":
                continue
            gradient = n.grad * local
            accumulate = "+=" if self.consumers(target.id) > 1 else "="
            rule = op.rules[position].format(**words)
            lines.append(
                f"∂L/∂{target.label} {accumulate} ∂L/∂{n.label} × ∂{n.label}/∂{target.label} "
                f"= {fmt(n.grad)} × {fmt(local)} = {fmt(gradient)}   (∂{n.label}/∂{target.label} = {rule})"
            )
            relation = r"\mathrel{+}=" if accumulate == "+=" else "="
            latex.append(
                rf"\frac{{\partial L}}{{\partial {_latex_name(target.label)}}} {relation} "
                rf"\frac{{\partial L}}{{\partial {_latex_name(n.label)}}}"
                rf"\frac{{\partial {_latex_name(n.label)}}}{{\partial {_latex_name(target.label)}}} = "
                rf"{_latex_number(n.grad)} \times {_latex_number(local)} = {_latex_number(gradient)}"
            )
            edges.append((target.id, n.id, gradient))
        return Step("backward", n.id, "\n".join(lines) or f"{n.label}: only constants below.",
                    r" \\ ".join(latex) or r"\text{constants only}", tuple(edges))


def _text(node: Node) -> str:
    """A node's expression, in parentheses when it is a compound one."""
    compound = node.kind in _INFIX or node.kind == "neg"
    return f"({node.name})" if compound else node.name


def _latex_name(label: str) -> str:
    r"""z3 → z_{3}, L → L, apple_num → \text{apple\_num}, −1 → -1."""
    if label == "L":
        return "L"
    if label[:1] == "z" and label[1:].isdigit():
        return f"z_{{{label[1:]}}}"
    if label[:1].isdigit() or label[:1] == "−":
        return label.replace("−", "-")
    return r"\text{" + label.replace("_", r"\_") + "}"


def _latex_number(value: float) -> str:
    return fmt(value).replace("−", "-")


def _latex_infix(kind: str) -> str:
    return {"add": "+", "sub": "-", "mul": r"\times", "div": r"\div", "pow": "^"}[kind]


# ---- the parser: ast with a whitelist ----

_FORBIDDEN = {
    ast.Attribute: "attribute access (a.b)", ast.Subscript: "subscripts (a[i])",
    ast.Lambda: "lambda", ast.ListComp: "comprehensions", ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions", ast.GeneratorExp: "generator expressions",
    ast.NamedExpr: "assignment (:=)", ast.Compare: "comparisons", ast.BoolOp: "and / or",
    ast.IfExp: "if … else", ast.List: "lists", ast.Tuple: "tuples", ast.Set: "sets",
    ast.Dict: "dicts", ast.JoinedStr: "f-strings", ast.Starred: "* unpacking",
    ast.Await: "await", ast.Yield: "yield", ast.YieldFrom: "yield",
}
_OPERATOR_NAMES = {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<",
                   ast.RShift: ">>", ast.BitOr: "|", ast.BitAnd: "&", ast.BitXor: "^ (use ** for powers)",
                   ast.Invert: "~", ast.Not: "not"}


def _where(node: ast.AST) -> str:
    return f" (at column {node.col_offset + 1})" if hasattr(node, "col_offset") else ""


def _literal(node: ast.AST) -> float | None:
    """The number a node denotes if it is a literal or a negated literal, else None."""
    sign = 1.0
    while isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -sign if isinstance(node.op, ast.USub) else sign
        node = node.operand
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        value = float(node.value) if abs(node.value) <= MAX_LITERAL else math.inf
        if not math.isfinite(value):
            raise ValueError(f"The number {node.value!r:.20}… is too large{_where(node)}; "
                             f"numbers up to {MAX_LITERAL:g} are allowed.")
        return sign * value
    return None


class _Builder:
    def __init__(self, graph: Graph):
        self.graph = graph
        self.variables: dict[str, int] = {}

    def build(self, node: ast.AST) -> int:
        """The graph node for an ast node, or a ValueError saying what is not allowed."""
        literal = _literal(node)
        if literal is not None:
            return self.graph._add("const", name=fmt(literal), value=literal)
        if isinstance(node, ast.Name):
            if node.id in FUNCTIONS:
                raise ValueError(f"{node.id} is a function: write {node.id}(x){_where(node)}.")
            if node.id.startswith("_"):
                raise ValueError(f"Names starting with _ are not allowed{_where(node)}.")
            if node.id not in self.variables:
                self.variables[node.id] = self.graph._add("var", name=node.id, value=DEFAULT_VALUE)
            return self.variables[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            kind = _BINARY[type(node.op)]
            left = self.build(node.left)
            if kind == "pow":
                exponent = _literal(node.right)
                if exponent is None:
                    raise ValueError(f"The exponent must be a number, e.g. x ** 2{_where(node.right)}.")
                if abs(exponent) > MAX_EXPONENT:
                    raise ValueError(f"Exponents are limited to ±{MAX_EXPONENT}{_where(node.right)}.")
                right = self.graph._add("const", name=fmt(exponent), value=exponent)
            else:
                right = self.build(node.right)
            nodes = self.graph.nodes
            text = f"{_text(nodes[left])} {_INFIX[kind]} {_text(nodes[right])}"
            return self.graph._add(kind, (left, right), name=text)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = self.build(node.operand)
            if isinstance(node.op, ast.UAdd):
                return operand
            return self.graph._add("neg", (operand,), name=f"−{_text(self.graph.nodes[operand])}")
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name not in FUNCTIONS:
                called = name or "this"
                raise ValueError(f"Calling {called} is not allowed{_where(node)}; the functions are "
                                 f"{', '.join(FUNCTIONS)}.")
            if node.keywords:
                raise ValueError(f"Keyword arguments are not allowed{_where(node)}.")
            if len(node.args) != 1:
                raise ValueError(f"{name} takes exactly one argument{_where(node)}.")
            operand = self.build(node.args[0])
            return self.graph._add(name, (operand,), name=f"{name}({self.graph.nodes[operand].name})")
        return self._reject(node)

    @staticmethod
    def _reject(node: ast.AST):
        if isinstance(node, ast.Constant):
            raise ValueError(f"Only numbers are allowed as constants, not {node.value!r:.30}{_where(node)}.")
        if isinstance(node, (ast.BinOp, ast.UnaryOp)):
            symbol = _OPERATOR_NAMES.get(type(node.op), type(node.op).__name__)
            raise ValueError(f"The operator {symbol} is not allowed{_where(node)}; "
                             "use + − * / ** and the functions.")
        what = _FORBIDDEN.get(type(node), type(node).__name__)
        raise ValueError(f"{what[0].upper() + what[1:]} not allowed here{_where(node)}; "
                         "only numbers, names, + − * / **, and exp, log, sigmoid, relu, tanh.")


def parse(text: str, **values: float) -> Graph:
    """A graph from a typed expression; variables default to 1.0 unless given in values."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("Type an expression, e.g. (x + y) * z.")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"The expression is too long ({len(text)} characters; at most {MAX_LENGTH}).")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        where = f" at column {error.offset}" if error.offset else ""
        raise ValueError(f"This is not a valid expression{where}: {error.msg}.") from None
    except (RecursionError, MemoryError):
        raise ValueError("The expression is nested too deeply.") from None
    graph = Graph()
    _Builder(graph).build(tree.body)
    if graph.output.is_leaf:
        raise ValueError("The expression needs at least one operation, e.g. x * 2.")
    operations = [n for n in graph.nodes if not n.is_leaf]
    for number, n in enumerate(operations, start=1):
        n.label = "L" if n is graph.output else f"z{number}"
    graph.set_values(**values)
    return graph


# ---- the book's examples ----

@dataclass(frozen=True)
class Example:
    title: str
    context: str
    expression: str
    values: dict[str, float]


EXAMPLES: dict[str, Example] = {
    "apple": Example(
        "Buying apples", "2 apples at 100 yen each, plus 10 % tax: 220 yen (book, fig. 5-16). "
        "How much does the price change when the apple price, the count or the tax changes?",
        "apple * apple_num * tax", dict(apple=100, apple_num=2, tax=1.1)),
    "apple_orange": Example(
        "Apples and oranges", "2 apples at 100 yen and 3 oranges at 150 yen, plus 10 % tax: "
        "715 yen (book, fig. 5-17). The add node passes its gradient on unchanged.",
        "(apple * apple_num + orange * orange_num) * tax",
        dict(apple=100, apple_num=2, orange=150, orange_num=3, tax=1.1)),
    "sigmoid": Example(
        "Sigmoid as a graph", "The book's nodes ×(−1), exp, +1 and 1/x (fig. 5-19 to 5-21). "
        "Step through the backward pass: the gradient at x ends up equal to y·(1 − y).",
        "1 / (1 + exp(x * -1))", dict(x=0.5)),
    "relu_neuron": Example(
        "A ReLU neuron", "relu(w1·x1 + w2·x2 + b): when the sum is negative, ReLU passes no "
        "gradient back and nothing below it learns from this example.",
        "relu(w1 * x1 + w2 * x2 + b)", dict(w1=0.5, x1=2, w2=-1, x2=0.5, b=0.1)),
    "circuit": Example(
        "The classic circuit", "(x + y)·z with x = −2, y = 5, z = −4 (CS231n): the multiply node "
        "swaps its inputs' values when it passes the gradient back.",
        "(x + y) * z", dict(x=-2, y=5, z=-4)),
    "sigmoid_neuron": Example(
        "A sigmoid neuron", "sigmoid(w1·x1 + w2·x2 + b), the unit of a logistic regression.",
        "sigmoid(w1 * x1 + w2 * x2 + b)", dict(w1=2, x1=-1, w2=-3, x2=-2, b=-3)),
}
