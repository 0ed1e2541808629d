"""The full player: the ring, the pose figure, the words, the controls."""
