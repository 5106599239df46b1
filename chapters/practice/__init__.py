"""Practice mode: the learner writes each answer in practice/<slug>/, a judge checks it.

`python -m chapters.practice list|start|check|watch|hint|reveal [EX]` (or the make targets
`practice`, `check`, `watch`, `hint`, `reveal`); see the top README, "Practice mode".
"""
