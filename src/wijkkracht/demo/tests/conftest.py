import pytest

from wijkkracht.demo.generator import generate_demo


@pytest.fixture
def demo(db):
    return generate_demo(residents=300, seed=7)
