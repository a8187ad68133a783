// The Android library (AAR) of helpdesk: the Kotlin uniffi generates for Android with the native
// library of each ABI. Built by .github/workflows/packages.yml (`gradle assembleRelease`), not on
// the machine that runs `make test`: Google's Maven (the Android Gradle plugin) and the Android
// SDK are out of its reach. See ../README.md, "Android".
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "helpdesk-android"
