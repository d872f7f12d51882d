"""What staff run through the Makefile (`python -m commands ...`): build, check,
devserver, publish, review, new-post and new-policy, all over one runner module."""
