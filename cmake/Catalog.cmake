# Message catalogs (see docs/translating.md). Each locale/<lang>.po is compiled with
# `msgfmt --check` at build time (a broken PO breaks the build) and the .mo bytes are
# embedded in a generated C++ file, so the binary needs no installed catalog.
# `update-pot` regenerates locale/spawn.pot from the sources and merges it into every PO.
find_program(SPAWN_MSGFMT msgfmt REQUIRED)
find_program(SPAWN_XGETTEXT xgettext)
find_program(SPAWN_MSGMERGE msgmerge)
find_program(SPAWN_MSGINIT msginit)
find_program(SPAWN_MSGCONV msgconv)

# How translatable strings are marked in the sources: tr("..."), trf("...", args...), N_("...").
set(SPAWN_XGETTEXT_OPTIONS
    --language=C++ --keyword=tr --keyword=trf:1 --keyword=N_ --from-code=UTF-8 --no-location
    --sort-output --package-name=spawn --package-version=${PROJECT_VERSION})
set(SPAWN_CATALOG_SCRIPTS ${CMAKE_CURRENT_LIST_DIR})

# spawn_embed_catalogs(<target> LOCALE_DIR <dir>): adds the embedded catalogs of every
# <dir>/*.po to <target>, defining spawn::ui::embedded_catalogs().
function(spawn_embed_catalogs target)
  cmake_parse_arguments(ARG "" "LOCALE_DIR" "" ${ARGN})
  file(GLOB po_files CONFIGURE_DEPENDS ${ARG_LOCALE_DIR}/*.po)
  set(mo_dir ${CMAKE_CURRENT_BINARY_DIR}/locale)
  set(languages "")
  set(mo_files "")
  foreach(po IN LISTS po_files)
    get_filename_component(language ${po} NAME_WE)
    set(mo ${mo_dir}/${language}.mo)
    add_custom_command(
      OUTPUT ${mo}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${mo_dir}
      COMMAND ${SPAWN_MSGFMT} --check -o ${mo} ${po}
      DEPENDS ${po}
      COMMENT "Compiling message catalog ${language}"
      VERBATIM)
    list(APPEND languages ${language})
    list(APPEND mo_files ${mo})
  endforeach()
  string(JOIN "," language_list ${languages})
  set(generated ${CMAKE_CURRENT_BINARY_DIR}/generated/catalog_data.cpp)
  add_custom_command(
    OUTPUT ${generated}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${generated} -DLANGUAGES=${language_list} -DMO_DIR=${mo_dir}
            -P ${SPAWN_CATALOG_SCRIPTS}/EmbedCatalogs.cmake
    DEPENDS ${mo_files} ${SPAWN_CATALOG_SCRIPTS}/EmbedCatalogs.cmake
    COMMENT "Embedding message catalogs: ${language_list}"
    VERBATIM)
  target_sources(${target} PRIVATE ${generated})
endfunction()

# spawn_add_update_pot_target(SOURCES_DIR <dir> LOCALE_DIR <dir>)
function(spawn_add_update_pot_target)
  cmake_parse_arguments(ARG "" "SOURCES_DIR;LOCALE_DIR" "" ${ARGN})
  string(JOIN "," options ${SPAWN_XGETTEXT_OPTIONS})
  add_custom_target(update-pot
    COMMAND ${CMAKE_COMMAND} -DSOURCES_DIR=${ARG_SOURCES_DIR} -DLOCALE_DIR=${ARG_LOCALE_DIR}
            -DXGETTEXT_OPTIONS=${options} -DXGETTEXT=${SPAWN_XGETTEXT} -DMSGMERGE=${SPAWN_MSGMERGE}
            -DMSGINIT=${SPAWN_MSGINIT} -DMSGCONV=${SPAWN_MSGCONV}
            -P ${SPAWN_CATALOG_SCRIPTS}/UpdatePot.cmake
    COMMENT "Updating locale/spawn.pot and merging it into locale/*.po"
    VERBATIM)
endfunction()
