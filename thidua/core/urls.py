from django.urls import path

from thidua.core import views

# Everything under /account/ stays reachable before the second factor (see RequireTwoFactor).
urlpatterns = [
    path("account/login/", views.login_view, name="login"),
    path("account/logout/", views.logout_view, name="logout"),
    path("account/password/", views.password_change_view, name="password_change"),
    path("account/password/done/", views.password_change_done_view, name="password_change_done"),
    path("account/2fa/", views.otp_verify, name="otp_verify"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/download/", views.job_download, name="job_download"),
]
