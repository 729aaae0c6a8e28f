import pytest

from tests.forum_site.content_files import copy_content


@pytest.fixture
def content_copy(tmp_path):
    return copy_content(tmp_path)
