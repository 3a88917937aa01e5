import cProfile, pstats, io
import pytest
from holdfast.accounts.models import User
from holdfast.curriculum import check
from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync
from holdfast.programmes.demo import load_demo
from tests.assessment.test_cohort import staff

pytestmark = pytest.mark.django_db

@pytest.mark.parametrize("who,url", [("jayloo", "/me/path/"), ("jayloo", "/me/assessment/devices/"), ("trainer.ana", "/cohort/needs/")])
def test_prof(client_for, who, url):
    content_sync(content=load(check.DEFAULT_ROOT))
    load_demo()
    c = staff(who, client_for) if "." in who else client_for(User.objects.get(username=who))
    for _ in range(5): c.get(url)
    pr = cProfile.Profile(); pr.enable()
    for _ in range(50): c.get(url)
    pr.disable()
    s = io.StringIO(); pstats.Stats(pr, stream=s).sort_stats("tottime").print_stats(30)
    print(url); print(s.getvalue()[:6000])
