from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm

from accounts.models import CustomUser


class CustomUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = CustomUser
        fields = ("cedula", "nombre_completo", "telefono")


@admin.register(CustomUser)
class CustomUserAdmin(UserAdmin):
    add_form = CustomUserCreationForm
    ordering = ("cedula",)
    list_display = ("cedula", "nombre_completo", "telefono", "is_staff", "date_joined")
    search_fields = ("cedula", "nombre_completo", "telefono")
    readonly_fields = ("politica_aceptada_en", "politica_version", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("cedula", "password")}),
        ("Datos personales", {"fields": ("nombre_completo", "telefono")}),
        ("Política de datos", {"fields": ("politica_aceptada_en", "politica_version")}),
        (
            "Permisos",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Fechas", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("cedula", "nombre_completo", "telefono", "password1", "password2"),
            },
        ),
    )
