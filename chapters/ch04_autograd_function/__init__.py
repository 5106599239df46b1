"""Chapter 4: torch.autograd.Function, the linear-layer gradients, gradcheck and torch.library."""
