"""The walk-through runs, and prints the real results the lesson talks about."""

import torch

from chapters.ch02_modules import __main__ as walk


def test_walkthrough_prints_every_section(capsys):
    walk.main()
    out = capsys.readouterr().out
    for fn in walk.EXAMPLES:
        assert fn.__doc__[:25] in out
    for expected in ["pre net", "All keys matched successfully", "layers.0.weight",
                     "num_batches_tracked", "ModuleList of 4, 8 state_dict keys"]:
        assert expected in out


def test_example_results_are_the_real_ones():
    assert walk.structure()["net(X).shape"] == (2, 3)
    hooks = walk.hooks()
    assert hooks["net(X)"][0] == "pre net" and "pre net" not in hooks["net.forward(X)"]
    ckpt = walk.checkpoints()
    assert ckpt["same outputs after load"] is True
    assert ckpt["strict=False missing"] == ["extra.weight", "extra.bias"]
    modes = walk.train_eval()
    torch.testing.assert_close(modes["BatchNorm eval out"], torch.tensor([0.8, 2.8]) / 1.1**0.5,
                               rtol=1e-4, atol=1e-4)
    assert walk.copying()["shared with deep"] == []
    conv = walk.conversion()
    assert conv["after move(norm, 'meta')"]["plain (unregistered)"] == "cpu"


def test_body_strips_def_and_docstring():
    text = walk.body(walk.copying)
    assert not text.startswith("def") and '"""' not in text
    assert text.startswith("net = TinyNet()")
