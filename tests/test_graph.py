import math
import random
import time

import pytest

from nnlib import graph
from nnlib.graph import EXAMPLES, GraphMathError, parse


def run(key):
    example = EXAMPLES[key]
    g = parse(example.expression, **example.values)
    out = g.forward()
    g.backward()
    return out, g.grads


def test_apple_graph_gives_the_books_numbers():
    out, grads = run("apple")
    assert out == pytest.approx(220)
    assert grads == pytest.approx(dict(apple=2.2, apple_num=110, tax=200))


def test_apple_and_orange_graph_gives_the_books_numbers():
    out, grads = run("apple_orange")
    assert out == pytest.approx(715)
    assert grads == pytest.approx(dict(apple=2.2, apple_num=110, orange=3.3, orange_num=165, tax=650))


def test_sigmoid_graph_gradient_equals_y_times_one_minus_y():
    for x in (-3.0, 0.0, 0.5, 4.0):
        g = parse(EXAMPLES["sigmoid"].expression, x=x)
        y = g.forward()
        g.backward()
        assert y == pytest.approx(1 / (1 + math.exp(-x)))
        assert g.grads["x"] == pytest.approx(y * (1 - y))
    assert [OP.kind for OP in g.nodes if not OP.is_leaf] == ["mul", "exp", "add", "div"]


def test_circuit_and_neurons():
    out, grads = run("circuit")
    assert (out, grads) == (-12, dict(x=-4, y=-4, z=3))
    out, grads = run("relu_neuron")  # 0.5·2 − 1·0.5 + 0.1 = 0.6 > 0: gradients flow
    assert out == pytest.approx(0.6) and grads == pytest.approx(dict(w1=2, x1=0.5, w2=0.5, x2=-1, b=1))
    g = parse(EXAMPLES["relu_neuron"].expression, **{**EXAMPLES["relu_neuron"].values, "b": -5})
    g.forward()
    g.backward()
    assert set(g.grads.values()) == {0.0}  # a dead ReLU passes nothing back
    out, grads = run("sigmoid_neuron")
    assert out == pytest.approx(1 / (1 + math.exp(-1))) and grads["b"] == pytest.approx(out * (1 - out))


def test_variable_used_twice_accumulates_its_gradient():
    g = parse("x * x + x", x=3)
    assert g.forward() == 12
    g.backward()
    assert g.grads == {"x": 7}
    assert "+=" in g.steps()[-1].text


def random_expression(rng: random.Random, depth: int) -> str:
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(["a", "b", "c", str(rng.choice([0.5, 2, 3]))])
    kind = rng.choice(["+", "-", "*", "/", "**", "neg", "exp", "log", "sigmoid", "relu", "tanh"])
    inner = random_expression(rng, depth - 1)
    if kind == "/":
        return f"({inner}) / (2 + a * a)"  # keeps the divisor away from 0
    if kind == "**":
        return f"({inner}) ** {rng.choice([2, 3])}"
    if kind == "log":
        return f"log(1 + ({inner}) ** 2)"
    if kind == "neg":
        return f"-({inner})"
    if kind in ("exp", "sigmoid", "relu", "tanh"):
        return f"{kind}(({inner}) / 4)" if kind == "exp" else f"{kind}({inner})"
    return f"({inner}) {kind} ({random_expression(rng, depth - 1)})"


@pytest.mark.parametrize("seed", range(40))
def test_random_expressions_match_central_differences(seed):
    rng = random.Random(seed)
    text = f"({random_expression(rng, 3)}) * a + b * c"
    values = dict(a=rng.uniform(-1.5, 1.5), b=rng.uniform(-1.5, 1.5), c=rng.uniform(0.2, 1.5))
    g = parse(text, **values)
    g.forward()
    g.backward()
    numerical = g.numerical_grads()
    for name, grad in g.grads.items():
        relu_kink = "relu" in text and abs(numerical[name] - grad) > 1e-3
        if not relu_kink:
            assert grad == pytest.approx(numerical[name], rel=1e-5, abs=1e-7), (text, name)


FORBIDDEN = [
    ("__import__('os')", "Calling __import__ is not allowed"),
    ("os.system('ls')", "Calling this is not allowed"),
    ("x.real", "Attribute access"),
    ("x[0]", "Subscripts"),
    ("'abc'", "Only numbers"),
    ("b'abc'", "Only numbers"),
    ("None", "Only numbers"),
    ("True + 1", "Only numbers"),
    ("1j * x", "Only numbers"),
    ("lambda: 1", "Lambda not allowed"),
    ("[x for x in y]", "Comprehensions"),
    ("(x for x in y)", "Generator expressions"),
    ("(y := 2)", "Assignment"),
    ("x < y", "Comparisons"),
    ("x and y", "And / or"),
    ("x if y else z", "If … else"),
    ("[x, y]", "Lists"),
    ("(x, y)", "Tuples"),
    ("{x: y}", "Dicts"),
    ("f'{x}'", "F-strings"),
    ("exp(x=1)", "Keyword arguments"),
    ("exp(x, y)", "exactly one argument"),
    ("exp(*x)", "\\* unpacking"),
    ("x // y", "operator // is not allowed"),
    ("x % y", "operator % is not allowed"),
    ("x @ y", "operator @ is not allowed"),
    ("x ^ y", "use \\*\\* for powers"),
    ("~x", "operator ~ is not allowed"),
    ("not x", "operator not is not allowed"),
    ("exp + 1", "exp is a function"),
    ("_secret * 2", "Names starting with _"),
    ("print(x)", "Calling print is not allowed"),
    ("x = 1", "not a valid expression"),
    ("x +", "not a valid expression"),
    ("", "Type an expression"),
    ("x", "at least one operation"),
    ("x ** y", "exponent must be a number"),
]


@pytest.mark.parametrize("text,fragment", FORBIDDEN, ids=[t for t, _ in FORBIDDEN])
def test_forbidden_constructs_are_rejected_with_a_reason(text, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse(text)


@pytest.mark.parametrize("text,fragment", [
    ("9**9**9**9", "exponent must be a number"),
    ("x ** 1000", "Exponents are limited"),
    ("x ** -11", "Exponents are limited"),
    ("(" * 150 + "x" + ")" * 150, "too long|nested too deeply|not a valid"),
    ("x" + " + x" * 60, "too long|too large"),
    ("1" * 100 + " * x", "too large"),
    ("1e400 * x", "too large"),
    ("+".join(f"x{i}" for i in range(30)), "too large"),
])
def test_huge_inputs_are_refused_quickly(text, fragment):
    started = time.perf_counter()
    with pytest.raises(ValueError, match=fragment):
        parse(text)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("text,values,fragment", [
    ("log(x)", dict(x=0), "At node 'log\\(x\\)': log needs a positive input, got 0"),
    ("log(x - 3)", dict(x=1), "log needs a positive input, got −2"),
    ("a / b", dict(a=1, b=0), "At node 'a / b': division by zero"),
    ("exp(x)", dict(x=1000), "At node 'exp\\(x\\)': the result overflows"),
    ("x * y", dict(x=1e200, y=1e200), "overflows"),
    ("x ** 0.5", dict(x=-4), "fractional power"),
    ("x ** -1", dict(x=0), "divides by zero"),
])
def test_math_errors_name_the_node(text, values, fragment):
    g = parse(text, **values)
    with pytest.raises(GraphMathError, match=fragment):
        g.forward()


def test_values_are_checked():
    with pytest.raises(ValueError, match="no variable 'q'; it has x, y"):
        parse("x * y", q=1)
    with pytest.raises(ValueError, match="finite number"):
        parse("x * y", x=float("nan"))


def test_steps_tell_the_story_of_the_apple_graph():
    g = parse(EXAMPLES["apple"].expression, **EXAMPLES["apple"].values)
    steps = g.steps()
    assert [s.phase for s in steps] == ["forward", "forward", "backward", "backward", "backward"]
    assert steps[0].text == "z1 = apple × apple_num = 100 × 2 = 200"
    assert steps[1].text == "L = z1 × tax = 200 × 1.1 = 220"
    assert "∂L/∂L = 1" in steps[2].text
    assert "∂L/∂apple = ∂L/∂z1 × ∂z1/∂apple = 1.1 × 2 = 2.2" in steps[4].text
    assert "∂L/∂apple_num = ∂L/∂z1 × ∂z1/∂apple_num = 1.1 × 100 = 110" in steps[4].text
    assert r"\frac{\partial L}{\partial \text{apple}}" in steps[4].latex
    assert {(a, b) for a, b, _ in steps[4].edges} == {(0, 2), (1, 2)}


def test_evaluate_leaves_the_graph_untouched():
    g = parse("x * y", x=2, y=3)
    g.forward()
    assert g.evaluate(x=10) == 30
    assert g.output.value == 6 and g.nodes[0].value == 2


def test_every_example_parses_and_is_described():
    for key, example in EXAMPLES.items():
        g = parse(example.expression, **example.values)
        assert set(g.variables) == set(example.values), key
        assert example.title and example.context
