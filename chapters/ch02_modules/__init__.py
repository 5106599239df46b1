"""Chapter 2: nn.Module from the inside: registration, buffers, state_dict, modes, copying."""
