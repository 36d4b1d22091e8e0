"""Chapters 1, 3 and 4: linear functions, activations, the shallow network unit by unit and in
matrix form, composed and deep networks, and the outputs the notebooks describe."""

from __future__ import annotations

import numpy as np
import pytest

from figrepro.udl.losses.likelihoods import sum_of_squares
from figrepro.udl.networks.activations import heaviside, linear, relu, sigmoid, softmax
from figrepro.udl.networks.linear_functions import linear_function, linear_map
from figrepro.udl.networks.networks import (
    Layer,
    ShallowNet,
    composed_layers,
    forward,
    hidden_units,
    linear_regions,
    matrix_layers,
    output_bias_sweep,
    random_layers,
)
from figrepro.udl.networks.toy_data import X_TRAIN, Y_REGRESSION_3_1


def test_activations() -> None:
    z = np.array([-2.0, -0.1, 0.0, 0.1, 2.0])
    np.testing.assert_array_equal(relu(z), [0, 0, 0, 0.1, 2])
    np.testing.assert_array_equal(heaviside(z), [0, 0, 1, 1, 1])  # 1 at z = 0
    np.testing.assert_allclose(sigmoid(z, slope=10), 1 / (1 + np.exp(-10 * z)))
    assert sigmoid(np.array(0.0)) == 0.5
    np.testing.assert_allclose(linear(z, 0.5, -0.4), 0.5 - 0.4 * z)
    logits = np.array([[1.0, 1000.0], [2.0, 1000.0], [3.0, -1000.0]])
    p = softmax(logits, axis=0)
    np.testing.assert_allclose(p.sum(axis=0), 1.0)
    np.testing.assert_allclose(p[:, 0], np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum())
    np.testing.assert_allclose(p[:, 1], [0.5, 0.5, 0.0])  # no overflow


def test_linear_functions_one_by_one_and_in_matrix_form(udl: dict) -> None:
    eq = udl["1_1"]["equations"]
    one_by_one = [
        float(linear_function(b, w, *eq["x"])) for b, w in zip(eq["beta"], eq["omega"], strict=True)
    ]
    np.testing.assert_allclose(linear_map(eq["beta"], eq["omega"], eq["x"]), one_by_one, rtol=1e-15)
    assert one_by_one == pytest.approx([-4.5, 2.9], abs=1e-12)
    x1, x2 = np.meshgrid(np.arange(0, 10, 0.1), np.arange(0, 10, 0.1))
    np.testing.assert_allclose(linear_function(0.0, [1.0, -0.5], x1, x2), x1 - 0.5 * x2)
    with pytest.raises(ValueError, match="2 slopes for 1 inputs"):
        linear_function(0.0, [1.0, 2.0], x1)


def test_the_3_1_output_is_the_one_the_notebook_embeds(udl: dict) -> None:
    """The notebook shows the expected output: 0.3 at x=0, flat at -0.3 on [0.3, 0.5],
    its minimum about -0.84 near x = 0.77, and about -0.27 at the right end."""
    x = np.arange(0, 1, 0.01)
    y = ShallowNet.from_params(udl["3_1"]["network"])(x)
    assert y[0] == pytest.approx(0.3)
    flat = (x >= 0.3) & (x <= 0.5)
    np.testing.assert_allclose(y[flat], -0.3, atol=1e-12)
    assert y.min() == pytest.approx(-0.84, abs=0.01)
    assert x[np.argmin(y)] == pytest.approx(0.77, abs=0.01)
    assert y[-1] == pytest.approx(-0.27, abs=0.01)
    assert float(sum_of_squares(Y_REGRESSION_3_1, ShallowNet.from_params(udl["3_1"]["fit"])(X_TRAIN))) == (
        pytest.approx(9.385, abs=5e-4)
    )


def test_stages_are_the_scalar_equations(udl: dict) -> None:
    net = ShallowNet.from_params(udl["3_1"]["network"])
    x = np.linspace(0, 1, 7)
    s = net.stages(x)
    (t10, t11), (t20, t21), (t30, t31) = net.theta
    np.testing.assert_allclose(s.pre[1], t20 + t21 * x)
    np.testing.assert_allclose(s.act[2], np.maximum(0, t30 + t31 * x))
    np.testing.assert_allclose(s.weighted[0], net.phi[1] * np.maximum(0, t10 + t11 * x))
    np.testing.assert_allclose(s.y, net.phi[0] + s.weighted.sum(axis=0))
    with pytest.raises(ValueError, match="theta"):
        ShallowNet(np.zeros((3, 2)), np.zeros(3))


def test_3_4_outputs_as_the_catalog_describes(udl: dict) -> None:
    net = ShallowNet.from_params(udl["3_4"]["network"])
    x = np.arange(0, 1, 0.01)
    y = net(x, lambda z: sigmoid(z, slope=10))
    assert y[0] == pytest.approx(0.78, abs=0.01)
    assert y.min() == pytest.approx(-0.355, abs=0.005)
    assert x[np.argmin(y)] == pytest.approx(0.64, abs=0.01)
    steps = net(x, heaviside)
    assert sorted(set(np.round(steps, 10))) == pytest.approx([-0.7, 0.2, 0.3, 0.8])
    assert [steps[0], steps[40], steps[60], steps[-1]] == pytest.approx([0.8, 0.3, -0.7, 0.2])
    straight = net(x, linear)
    np.testing.assert_allclose(np.diff(straight, 2), 0, atol=1e-12)  # a straight line


def test_matrix_form_reproduces_the_units(udl: dict) -> None:
    net1, net2 = ShallowNet.from_params(udl["4_3"]["net1"]), ShallowNet.from_params(udl["4_3"]["net2"])
    x = np.arange(-1, 1, 0.01)
    assert np.max(np.abs(forward(x[None], net1.layers())[0] - net1(x))) < 1e-12
    composed = forward(x[None], composed_layers(net1, net2))[0]
    assert np.max(np.abs(composed - net2(net1(x)))) < 1e-12
    # the 5.x notation describes the same network
    as_matrices = matrix_layers(
        {
            "beta_0": net1.theta[:, 0],
            "omega_0": net1.theta[:, 1],
            "beta_1": net1.phi[:1],
            "omega_1": [net1.phi[1:]],
        }
    )
    np.testing.assert_allclose(forward(x[None], as_matrices)[0], net1(x), atol=1e-12)


def test_random_deep_network_has_the_notebook_shapes() -> None:
    layers = random_layers(np.random.default_rng(0), [4, 5, 2, 4, 1])
    assert [(lay.bias.shape, lay.weights.shape) for lay in layers] == [
        ((5,), (5, 4)),
        ((2,), (2, 5)),
        ((4,), (4, 2)),
        ((1,), (1, 4)),
    ]
    x = np.random.default_rng(1).standard_normal((4, 4))
    assert [h.shape for h in hidden_units(x, layers)] == [(5, 4), (2, 4), (4, 4)]
    assert forward(x, layers).shape == (1, 4)
    with pytest.raises(ValueError, match="does not fit"):
        Layer(np.zeros(2), np.zeros((3, 1)))


def test_output_bias_sweep_equals_one_network_per_value(udl: dict) -> None:
    layers = matrix_layers(udl["5_3"]["network"])
    values = np.arange(-2, 6, 0.5)
    swept = output_bias_sweep(X_TRAIN[None], layers, 0, values)
    for value, out in zip(values, swept, strict=True):
        bias = layers[1].bias.copy()
        bias[0] = value
        one = forward(X_TRAIN[None], [layers[0], Layer(bias, layers[1].weights)])
        np.testing.assert_allclose(out, one, atol=1e-12)


def test_linear_regions() -> None:
    x = np.arange(-1, 1, 0.001)
    assert linear_regions(x, 2 * x + 1) == 1
    assert linear_regions(x, np.abs(x - 0.3)) == 2  # a joint on a sample
    assert linear_regions(x, np.abs(x - 0.30005)) == 2  # a joint between samples
    assert linear_regions(x, relu(x) - 2 * relu(x - 0.5) + relu(x + 0.5)) == 4
    sawtooth = np.abs((x * 4) % 2 - 1)  # joints at every multiple of 0.25
    assert linear_regions(x, sawtooth) == 8


def test_4_1_compositions_are_stable_in_the_grid(udl: dict) -> None:
    """Region counts of the notebook's compositions do not change on a ten times finer grid."""
    net1, net2 = ShallowNet.from_params(udl["4_1"]["net1"]), ShallowNet.from_params(udl["4_1"]["net2"])
    counts = []
    for step in (0.001, 0.0001):
        x = np.arange(-1, 1, step)
        counts.append([linear_regions(x, net2(net1(x))), linear_regions(x, net2(net1(net1(x))))])
    assert counts[0] == counts[1]
    assert counts[0][1] > counts[0][0]  # a third layer multiplies the regions
