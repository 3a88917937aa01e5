import time, statistics
import pytest
from holdfast.accounts.models import User
from holdfast.curriculum import check
from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync
from holdfast.programmes.demo import load_demo
from tests.assessment.test_cohort import staff

pytestmark = pytest.mark.django_db

def test_time(client_for):
    content_sync(content=load(check.DEFAULT_ROOT))
    load_demo()
    for who, url in [("jayloo", "/me/path/"), ("jayloo", "/me/assessment/devices/"), ("trainer.ana", "/cohort/needs/"), ("jayloo", "/me/")]:
        c = staff(who, client_for) if "." in who else client_for(User.objects.get(username=who))
        for _ in range(10): c.get(url)
        t = []
        for _ in range(100):
            s = time.perf_counter(); c.get(url); t.append((time.perf_counter()-s)*1000)
        print(url, round(statistics.median(t), 2))


def test_parts(client_for):
    content_sync(content=load(check.DEFAULT_ROOT))
    load_demo()
    from holdfast.assessment import selectors, services
    from holdfast.curriculum import selectors as cur
    from holdfast.assessment.engine import profile_of, recommend, focus
    u = User.objects.get(username="jayloo")
    def med(f, n=100):
        f(); t = []
        for _ in range(n):
            s = time.perf_counter(); f(); t.append((time.perf_counter()-s)*1000)
        return round(statistics.median(t), 2)
    print("for_recommender", med(lambda: cur.for_recommender(lang="en")))
    print("latest", med(lambda: selectors.latest_assessment(actor=u)))
    a = selectors.latest_assessment(actor=u)
    q = services.questionnaire("en"); c = services.countries("en")
    from holdfast.curriculum.selectors import vocabulary
    th = list(vocabulary().threats)
    print("profile", med(lambda: profile_of(a.answers, q, c, th)))
    p = profile_of(a.answers, q, c, th)
    mods, _, _ = selectors._modules("en")
    print("recommend", med(lambda: focus(recommend(p, mods))))
    print("path_for", med(lambda: selectors.path_for(actor=u, lang="en")))
